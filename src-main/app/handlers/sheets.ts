import { BehalfError } from '../../../src-preload/api/errors';
import { assertVendorIdentity } from '../../settings/vendor-identity';
import { withActivity } from '../../tenants/activity';
import type { Services } from '../services';
import type { NamespaceHandlers } from './types';

interface BulkResult {
  download: { fileName: string; downloadId: string };
  entries: string[];
  skipped: { tenant: string; reason: string }[];
}

/**
 * Exports answer a one-shot download id: the browser host serves /download/<id>; the desktop app hands the id
 * back to saveAs, which writes the same bytes where the person chooses in the system save dialog.
 */
export function sheetsHandlers(s: Services): NamespaceHandlers<'sheets'> {
  return {
    preview: ({ id, provider }) => s.sheets.preview(id, provider),
    export: ({ id, format, provider, paper }) =>
      withActivity(
        s.tenants,
        s.tenants.find(id).id,
        'sheet.exported',
        async () => {
          assertVendorIdentity(s.settings.get(), 'Exporting the sheet');
          const r = await s.sheets.render(id, format, { provider, paper });
          return { fileName: r.fileName, downloadId: s.downloads.add(r.fileName, r.mime, r.body) };
        },
        (r) => `Sheet exported as ${r.fileName}`,
      ),
    exportAll: ({ format, paper }) => {
      assertVendorIdentity(s.settings.get(), 'Exporting the sheets');
      const { taskId } = s.tasks.start(
        'sheets.export-all',
        `DNS sheets (${format}) for tenants awaiting DNS`,
        async ({ signal, progress }): Promise<BulkResult> => {
          const zip = await s.sheets.exportAll(format, { paper, signal, onProgress: progress });
          // Zips of many PDFs are kept longer than single files: the person may be away when it finishes.
          const downloadId = s.downloads.add(zip.fileName, 'application/zip', zip.body, 30 * 60_000);
          return { download: { fileName: zip.fileName, downloadId }, entries: zip.entries, skipped: zip.skipped };
        },
      );
      return { taskId };
    },
    // Success is recorded by the sender (with Postmark's message ID); a refusal is recorded here as "sheet.send-failed".
    send: (input) =>
      withActivity(
        s.tenants,
        s.tenants.find(input.id).id,
        'sheet.send',
        () => s.sheetSender.send(input),
        () => null,
      ),
    sendCheck: () => s.sheetSender.check(),
    saveAs: async ({ downloadId }) => {
      if (!s.saveFile)
        throw new BehalfError(
          'sheet.save-unavailable',
          'Saving through a dialog is only available in the desktop app.',
          'In the browser the export downloads; on the command line use `behalf sheet --out FILE`.',
        );
      const file = s.downloads.take(downloadId);
      if (!file)
        throw new BehalfError('sheet.save-expired', 'This export is no longer available (each export is kept a few minutes and saved once).', 'Export again.');
      return { fileName: file.name, savedTo: await s.saveFile(file.name, file.body) };
    },
    exportResult: ({ taskId }) => {
      const { snap, result: r } = s.tasks.outcome<BulkResult>(taskId);
      if (snap.kind !== 'sheets.export-all') throw new BehalfError('sheet.not-an-export', 'That task is not a sheet export.');
      return { state: snap.state, ...(snap.message ? { message: snap.message } : {}), ...(r ?? { entries: [], skipped: [] }) };
    },
  };
}
