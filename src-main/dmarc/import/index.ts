export { addImportResult, importReports, type ImportFileError, type ImportOptions, type ImportProgress, type ImportResult } from './import-reports';
export { DEFAULT_CAPS, type ImportCaps } from './caps';
export { importHint, type DmarcImportCode } from './errors';
