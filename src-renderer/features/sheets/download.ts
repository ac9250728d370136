/**
 * Starts a browser download of a file main registered for /download/<id> (browser host only: Electron has no
 * such route, and its save dialog is not built yet). An anchor with `download` keeps the page where it is.
 */
export function startDownload(downloadId: string, fileName: string): void {
  const a = document.createElement('a');
  a.href = `/download/${encodeURIComponent(downloadId)}`;
  a.download = fileName;
  a.rel = 'noopener';
  document.body.appendChild(a);
  a.click();
  a.remove();
}
