import { useRef, useState } from 'react';
import type { SheetExportResult } from '../../../src-preload/api/sheets';
import type { TaskSnapshotShape } from '../../../src-preload/api/tasks';
import { useApi, useClient, useEvent } from '../../app/api-context';
import { useMutation } from '../../app/data/use-mutation';
import { ErrorBox, ProgressBar } from '../../components/Feedback';
import { StatusChip } from '../../components/Status';
import { deliverExport } from './download';

type Format = 'pdf' | 'html' | 'md' | 'csv' | 'zone';
const FORMATS: { id: string; label: string; format: Format; paper?: 'a4' | 'letter' }[] = [
  { id: 'pdf-a4', label: 'PDF (A4)', format: 'pdf', paper: 'a4' },
  { id: 'pdf-letter', label: 'PDF (Letter)', format: 'pdf', paper: 'letter' },
  { id: 'html', label: 'HTML', format: 'html' },
  { id: 'md', label: 'Markdown', format: 'md' },
  { id: 'csv', label: 'CSV', format: 'csv' },
  { id: 'zone', label: 'Zone file', format: 'zone' },
];

/** Sidebar → Sheets: one zip with the sheet of every tenant awaiting DNS, as a cancellable task. */
export function SheetsView() {
  const api = useApi();
  const electron = useClient().kind === 'electron';
  const [choice, setChoice] = useState('pdf-a4');
  const [task, setTask] = useState<TaskSnapshotShape | null>(null);
  const [result, setResult] = useState<SheetExportResult | null>(null);
  const { error, run, setError } = useMutation();
  const [delivered, setDelivered] = useState('');

  // A small export can finish before exportAll's reply arrives: keep the latest snapshot of every export task.
  const seen = useRef(new Map<string, TaskSnapshotShape>());
  const current = useRef<string | null>(null);

  const follow = (snap: TaskSnapshotShape) => {
    setTask(snap);
    if (snap.state === 'running') return;
    current.current = null;
    void run('result', async () => {
      const r = await api.sheets.exportResult({ taskId: snap.taskId });
      setResult(r);
      if (r.download) setDelivered(await deliverExport(api, electron, r.download));
    });
  };

  useEvent('task.progress', (snap) => {
    if (snap.kind !== 'sheets.export-all') return;
    seen.current.set(snap.taskId, snap);
    if (snap.taskId === current.current) follow(snap);
  });

  const start = async () => {
    const f = FORMATS.find((x) => x.id === choice)!;
    setResult(null);
    setDelivered('');
    const started = await run('export', () => api.sheets.exportAll({ format: f.format, ...(f.paper ? { paper: f.paper } : {}) }));
    if (!started) return;
    current.current = started.taskId;
    follow(seen.current.get(started.taskId) ?? { taskId: started.taskId, kind: 'sheets.export-all', label: 'DNS sheets', done: 0, total: 0, state: 'running' });
  };

  const running = task?.state === 'running';
  return (
    <div className="page">
      <div className="page-head">
        <h1>Sheets</h1>
      </div>
      <div className="card">
        <h2>Export every tenant awaiting DNS</h2>
        <p className="muted">
          One zip with the DNS instruction sheet of each tenant whose status is “awaiting DNS”. The DNS provider of each is detected from its name servers;
          tenants whose domain is not in Postmark yet are listed, not exported.
        </p>
        <div className="toolbar">
          <label htmlFor="bulk-format" className="muted">
            Format
          </label>
          <select id="bulk-format" className="input" value={choice} onChange={(e) => setChoice(e.target.value)} disabled={running}>
            {FORMATS.map((f) => (
              <option key={f.id} value={f.id}>
                {f.label}
              </option>
            ))}
          </select>
          <button className="btn primary" onClick={() => void start()} disabled={running}>
            Export zip
          </button>
          {running && (
            <button className="btn danger" onClick={() => void api.tasks.cancel({ taskId: task.taskId }).catch(setError)}>
              Cancel
            </button>
          )}
        </div>
        {task && (
          <div className="bulk-progress">
            <ProgressBar done={task.done} total={task.total} label={running ? task.message || 'Preparing…' : 'Export'} />
          </div>
        )}
        {result && <BulkResult result={result} />}
        {delivered && <p className="muted small">{delivered}</p>}
        {error ? <ErrorBox error={error} /> : null}
      </div>
      <div className="card">
        <h2>Send to a teammate</h2>
        <p className="muted">
          Open a tenant and use “Send to a teammate…” on its Sheets tab: the sheet goes out through the vendor&apos;s own Postmark server (Settings → Sheets by
          email), HTML in the body and the PDF attached.
        </p>
      </div>
    </div>
  );
}

function BulkResult({ result }: { result: SheetExportResult }) {
  return (
    <div className="bulk-result" role="status">
      {result.state === 'done' && result.download && (
        <p>
          <StatusChip tone="ok" label="done" /> {result.entries.length} sheet(s) in <span className="mono">{result.download.fileName}</span> (each export is
          delivered once: export again for another copy).
        </p>
      )}
      {result.state === 'cancelled' && (
        <p>
          <StatusChip tone="unknown" label="cancelled" /> Nothing was exported.
        </p>
      )}
      {result.state === 'failed' && (
        <p>
          <StatusChip tone="error" label="failed" /> {result.message}
        </p>
      )}
      {result.skipped.length > 0 && (
        <>
          <p className="warn-text">{result.skipped.length} tenant(s) skipped:</p>
          <ul className="sheet-list">
            {result.skipped.map((s) => (
              <li key={s.tenant}>
                <strong>{s.tenant}</strong>: {s.reason}
              </li>
            ))}
          </ul>
        </>
      )}
    </div>
  );
}
