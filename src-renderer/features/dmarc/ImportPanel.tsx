import { useRef, useState } from 'react';
import { useIntent } from '../../app/intents';
import type { DmarcImportResult } from '../../../src-preload/api/dmarc';
import { useApi, useEvent } from '../../app/api-context';
import { useMutation } from '../../app/data/use-mutation';
import { ErrorBox, ProgressBar } from '../../components/Feedback';
import { useScrollFocus } from '../../components/scroll-focus';
import { StatusChip } from '../../components/Status';
import { importTaskResult } from './import-task';
import { fileBase64 } from '../../components/file-bytes';
import { MAX_FILE_BYTES, megabytes, planBatches } from './upload-batches';

type Totals = Omit<DmarcImportResult, 'state'> & { cancelled: boolean };
const ZERO: Totals = { files: 0, imported: 0, duplicates: 0, records: 0, messages: 0, failures: 0, errors: [], repaired: [], cancelled: false };

/** Drag-and-drop or pick report files; uploads in batches under the host's request cap, with progress and cancel. */
export function ImportPanel({ onImported }: { onImported: () => void }) {
  const api = useApi();
  const input = useRef<HTMLInputElement>(null);
  // From the command palette: open the file chooser (the palette's Enter still counts as the user's gesture).
  useIntent('dmarc.import', () => input.current?.click());
  const [drag, setDrag] = useState(false);
  const [running, setRunning] = useState<{ taskId: string | null; batch: number; batches: number; done: number; total: number; file: string } | null>(null);
  const [result, setResult] = useState<Totals | null>(null);
  const { error: failure, run: act, setError } = useMutation();
  const cancelled = useRef(false);
  const taskRef = useRef<string | null>(null);

  useEvent('task.progress', (p) => {
    if (p.taskId !== taskRef.current) return;
    setRunning((r) => (r ? { ...r, done: p.done, total: p.total, file: p.message ?? r.file } : r));
  });

  const run = async (list: File[]) => {
    if (!list.length || running) return;
    const { batches, tooBig } = planBatches(list);
    const totals: Totals = {
      ...ZERO,
      repaired: [],
      errors: tooBig.map((f) => ({
        file: f.name,
        code: 'dmarc.upload-too-large',
        message: `${megabytes(f.size)} is more than one browser upload can carry (${megabytes(MAX_FILE_BYTES)}).`,
        hint: `Import it with the command line, which has no upload limit: behalf dmarc import "${f.name}"`,
      })),
    };
    cancelled.current = false;
    setResult(null);
    await act('import', async () => {
      for (const [i, batch] of batches.entries()) {
        if (cancelled.current) break;
        setRunning({ taskId: null, batch: i + 1, batches: batches.length, done: 0, total: batch.length, file: 'reading files…' });
        const files = await Promise.all(batch.map(async (f) => ({ name: f.name, base64: await fileBase64(f) })));
        const { taskId } = await api.dmarc.importFiles({ files });
        taskRef.current = taskId;
        setRunning((r) => (r ? { ...r, taskId } : r));
        const r = await importTaskResult(api, taskId, 250);
        for (const k of ['files', 'imported', 'duplicates', 'records', 'messages', 'failures'] as const) totals[k] += r[k];
        totals.errors.push(...r.errors);
        totals.repaired.push(...r.repaired);
        if (r.state === 'cancelled') totals.cancelled = true;
      }
      if (cancelled.current) totals.cancelled = true;
      setResult(totals);
      onImported();
    });
    taskRef.current = null;
    setRunning(null);
    if (input.current) input.current.value = '';
  };

  const cancel = () => {
    cancelled.current = true;
    if (taskRef.current) void api.tasks.cancel({ taskId: taskRef.current }).catch(setError);
  };

  return (
    <div className="card">
      <h2>Import aggregate reports</h2>
      <div
        className={`dropzone${drag ? ' over' : ''}`}
        onDragOver={(e) => (e.preventDefault(), setDrag(true))}
        onDragLeave={() => setDrag(false)}
        onDrop={(e) => {
          e.preventDefault();
          setDrag(false);
          void run([...e.dataTransfer.files]);
        }}
      >
        <div>
          Drop <code>.xml</code>, <code>.xml.gz</code>, <code>.zip</code>, <code>.eml</code> or <code>mbox</code> files here, or{' '}
          <button className="btn small" onClick={() => input.current?.click()} disabled={!!running}>
            choose files
          </button>
          <input
            ref={input}
            type="file"
            multiple
            hidden
            accept=".xml,.gz,.zip,.eml,.mbox"
            aria-label="Report files"
            onChange={(e) => void run([...(e.target.files ?? [])])}
          />
        </div>
        <div className="muted small">
          Uploads go in batches under the browser host’s 64 MB request limit; a file over {megabytes(MAX_FILE_BYTES)} needs <code>behalf dmarc import</code>.
          Reports already imported are skipped as duplicates.
        </div>
      </div>
      {running && (
        <div className="import-progress">
          <ProgressBar
            done={running.done}
            total={running.total}
            label={`${running.batches > 1 ? `Batch ${running.batch} of ${running.batches}: ` : ''}${running.file}`}
          />
          <button className="btn small" onClick={cancel}>
            Cancel
          </button>
        </div>
      )}
      {failure ? <ErrorBox error={failure} /> : null}
      {result && <ImportSummary result={result} />}
    </div>
  );
}

/** Reports imported with something tolerated: what and where, so staff can tell a customer what was bent. */
export function RepairList({ notes }: { notes: Array<{ file: string; code: string; message: string }> }) {
  const box = useScrollFocus<HTMLUListElement>();
  if (notes.length === 0) return null;
  return (
    <ul className="import-repairs" data-testid="import-repairs" aria-label="Repair notes" ref={box.ref} tabIndex={box.tabIndex}>
      {notes.map((n, i) => (
        <li key={i}>
          <span className="badge repaired">repaired</span> <span className="mono">{n.file}</span> — {n.message} <span className="muted mono">[{n.code}]</span>
        </li>
      ))}
    </ul>
  );
}

function ImportSummary({ result: r }: { result: Totals }) {
  const tone = r.errors.length ? (r.imported ? 'warning' : 'failing') : 'ok';
  const errorsBox = useScrollFocus<HTMLUListElement>();
  return (
    <div className="import-result" role="status" aria-label="Import result">
      <div className="toolbar">
        <StatusChip
          tone={r.cancelled ? 'warning' : tone}
          label={r.cancelled ? 'cancelled' : r.errors.length ? `${r.errors.length} file error(s)` : 'imported'}
        />
        <span>
          <strong data-testid="import-files">{r.files}</strong> file(s)
        </span>
        <span>
          <strong data-testid="import-imported">{r.imported}</strong> report(s) imported
        </span>
        <span>
          <strong data-testid="import-duplicates">{r.duplicates}</strong> duplicate(s)
        </span>
        <span className="muted">
          {r.records.toLocaleString()} rows · {r.messages.toLocaleString()} messages{r.failures ? ` · ${r.failures} failure report(s)` : ''}
        </span>
        {r.repaired.length > 0 && (
          <span className="badge repaired" title="Imported, with something in the report tolerated">
            {r.repaired.length} repair note(s)
          </span>
        )}
      </div>
      <RepairList notes={r.repaired} />
      {r.errors.length > 0 && (
        <ul className="import-errors" data-testid="import-errors" aria-label="Files not imported" ref={errorsBox.ref} tabIndex={errorsBox.tabIndex}>
          {r.errors.map((e, i) => (
            <li key={i}>
              <span className="mono">{e.file}</span> — {e.message} <span className="muted mono">[{e.code}]</span>
              {e.hint && <div className="hint">{e.hint}</div>}
            </li>
          ))}
        </ul>
      )}
    </div>
  );
}
