/** Public surface of the instruction sheets: what IPC, the CLI and the UI wire to. */
export { buildSheet, sheetInputSchema, formatGeneratedAt } from './model';
export { detectProvider, getProvider, listProviders, isProviderId, type ProviderProfile } from './providers';
export { renderSheet, sheetFileName, isSheetFormat, SHEET_EXTENSIONS, SHEET_MIME_TYPES, type RenderOptions } from './render';
export { parseZoneFragment, type ZoneRecord } from './zone-parse';
export { exportSheetsZip, type ExportOptions, type ExportProgress, type ExportResult } from './export-zip';
export { ZipWriter } from './zip-writer';
export * from './types';
