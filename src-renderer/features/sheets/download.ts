import type { BehalfApi } from '../../../src-preload/api/contract';

/**
 * Starts a browser download of a file main registered for /download/<id> (browser host only: Electron has no
 * such route). An anchor with `download` keeps the page where it is.
 */
function startDownload(downloadId: string, fileName: string): void {
  const a = document.createElement('a');
  a.href = `/download/${encodeURIComponent(downloadId)}`;
  a.download = fileName;
  a.rel = 'noopener';
  document.body.appendChild(a);
  a.click();
  a.remove();
}

/**
 * Hands a prepared export to the person: a download in the browser host, the system save dialog in the
 * desktop app (main writes the bytes it rendered; the renderer only names the id). Says what happened.
 */
export async function deliverExport(api: BehalfApi, electron: boolean, file: { downloadId: string; fileName: string }): Promise<string> {
  if (!electron) {
    startDownload(file.downloadId, file.fileName);
    return `Downloading ${file.fileName}.`;
  }
  const r = await api.sheets.saveAs({ downloadId: file.downloadId });
  return r.savedTo ? `Saved ${r.fileName} to ${r.savedTo}.` : 'Not saved (the save dialog was cancelled).';
}
