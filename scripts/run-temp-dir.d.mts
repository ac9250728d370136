/** Types for run-temp-dir.mjs (imported by the test suites' global setup). */
export function makeRunTempDir(): string;
