/** Types for preflight.mjs (imported by its tests). */
import type { SystemTool } from './system-tools.mjs';

export interface PreflightResult {
  ok: boolean;
  env: Record<string, string>;
  message: string;
}
export function searchDirs(env: Record<string, string | undefined>): string[];
export function findTool(tool: Pick<SystemTool, 'bin' | 'env' | 'paths'>, env: Record<string, string | undefined>, dirs?: string[]): string | null;
export function toolsFor(suites: string[], tools?: SystemTool[]): SystemTool[];
export function installCommands(missing: SystemTool[]): { apt: string; brew: string };
export function preflight(opts?: {
  suites?: string[];
  env?: Record<string, string | undefined>;
  uid?: number;
  log?: (line: string) => void;
  tools?: SystemTool[];
}): PreflightResult;
