import type { MessagePort } from 'node:worker_threads';
import { openLedger } from '../../../ledger/open';
import { observeWriteTransactions } from '../../../ledger/write-transaction';
import { RepairLog } from '../repairs';
import { ReportDigest } from '../report-digest';
import { ReportWriter } from '../report-writer-store';
import type { FromRowWriter, ToRowWriter } from './row-writer-messages';
import { toWire, type WireError } from './wire-error';

/**
 * The row writer's side (issue #17): a thread with its own connection that writes big reports' rows while the
 * import thread goes on parsing — on two cores, reading and writing a 100 MB report overlap instead of adding up.
 * Each report is a session running a `ReportWriter`, exactly as the import thread would run it; messages are
 * handled one at a time, in the order they were sent. A failed session answers every later message with its error.
 */
export function serveRowWriter(port: MessagePort, ledgerFile: string, observeWrites = false): void {
  const db = openLedger(ledgerFile);
  const sessions = new Map<number, { writer: ReportWriter; error?: WireError }>();
  const post = (m: FromRowWriter) => port.postMessage(m);
  let queue = Promise.resolve();
  if (observeWrites) observeWriteTransactions((ms) => post({ type: 'transaction', ms }));

  const handle = async (m: ToRowWriter): Promise<void> => {
    if (m.type === 'close') {
      db.close();
      post({ type: 'closed' });
      return;
    }
    if (m.type === 'open') {
      const header = m.header;
      const where = { sourceFile: m.sourceFile, importedAt: m.importedAt };
      sessions.set(m.session, { writer: new ReportWriter(db, () => header, where, new ReportDigest()) });
      return;
    }
    const s = sessions.get(m.session);
    if (!s) return;
    if (m.type === 'dispose') {
      sessions.delete(m.session);
      try {
        s.writer.dispose();
      } finally {
        post({ type: 'disposed', session: m.session });
      }
      return;
    }
    if (s.error) {
      post(m.type === 'rows' ? { type: 'written', session: m.session } : { type: 'failed', session: m.session, error: s.error });
      return;
    }
    try {
      if (m.type === 'rows') {
        s.writer.addJson({ json: m.json, rows: m.rows, messages: m.messages });
        post({ type: 'written', session: m.session });
      } else {
        const repairs = new RepairLog();
        repairs.addAll(m.repairs);
        const result = await s.writer.commit(m.header, { sourceFile: m.sourceFile, importedAt: m.importedAt, repairs });
        post({ type: 'committed', session: m.session, result });
      }
    } catch (err) {
      s.error = toWire(err);
      post({ type: 'failed', session: m.session, error: s.error });
    }
  };
  port.on('message', (m: ToRowWriter) => {
    queue = queue.then(() => handle(m));
  });
}
