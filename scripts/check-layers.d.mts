export function folderArrows(files: Record<string, string>): Map<string, Map<string, string>>;
export function folderCycles(files: Record<string, string>): { folders: string[]; via: string[] }[];
export function layerOf(folder: string): number;
export function upwardArrows(files: Record<string, string>): { from: string; to: string; via: string }[];
