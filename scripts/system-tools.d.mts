/** Types for system-tools.mjs (imported by the preflight's tests). */
export interface SystemTool {
  name: string;
  bin: string;
  env?: string;
  paths?: string[];
  apt: string;
  brew?: string;
  for: string;
  suites: string[];
}
export const SYSTEM_TOOLS: SystemTool[];
export const EXTRA_DIRS: string[];
