import type { BehalfApi } from '../../../src-preload/api/contract';
import type { DmarcImportResult } from '../../../src-preload/api/dmarc';

/**
 * The end of a DMARC import task (file upload, mailbox fetch, Postmark DMARC pull): main runs it in the
 * background and keeps its result; this asks until it is no longer running. Progress comes by `task.progress`.
 */
export async function importTaskResult(api: BehalfApi, taskId: string, everyMs = 300): Promise<DmarcImportResult> {
  for (;;) {
    const r = await api.dmarc.importResult({ taskId });
    if (r.state !== 'running') return r;
    await new Promise((res) => setTimeout(res, everyMs));
  }
}
