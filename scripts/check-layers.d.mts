export function folderArrows(files: Record<string, string>): Map<string, Map<string, string>>;
export function folderCycles(files: Record<string, string>): { folders: string[]; via: string[] }[];
