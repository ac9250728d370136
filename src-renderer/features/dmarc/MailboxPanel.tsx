import { useState } from 'react';
import type { DmarcImportResult } from '../../../src-preload/api/dmarc';
import { useApi } from '../../app/api-context';
import { useMutation } from '../../app/data/use-mutation';
import { useQuery } from '../../app/data/use-query';
import { ErrorBox } from '../../components/Feedback';
import { useScrollFocus } from '../../components/scroll-focus';
import { StatusChip } from '../../components/Status';
import { importTaskResult } from './import-task';
import { RepairList } from './ImportPanel';

/** The rua mailbox on the DMARC page: where it is, "Fetch now", and what the last fetch did. */
export function MailboxPanel({ onImported }: { onImported: () => void }) {
  const errorsBox = useScrollFocus<HTMLUListElement>();
  const api = useApi();
  const boxQuery = useQuery(() => api.dmarc.mailbox({}), [api]);
  const box = boxQuery.data ?? null;
  const [result, setResult] = useState<DmarcImportResult | null>(null);
  const action = useMutation();
  const busy = action.busy !== null;
  const error = action.error;

  const fetchNow = () =>
    action.run('fetch', async () => {
      setResult(null);
      const { taskId } = await api.dmarc.mailboxFetch({});
      setResult(await importTaskResult(api, taskId));
      onImported();
    });

  // Nothing to show until the mailbox is known, except why it could not be read.
  if (!box)
    return boxQuery.error ? (
      <section className="card" aria-label="Report mailbox">
        <h2>Report mailbox</h2>
        <ErrorBox error={boxQuery.error} />
      </section>
    ) : null;
  const m = result?.mailbox;
  return (
    <section className="card" aria-label="Report mailbox">
      <div className="toolbar">
        <h2>Report mailbox</h2>
        {box.configured ? (
          <span className="muted small mono">
            {box.user}@{box.host}:{box.port} · {box.folder}
            {box.pollMinutes ? ` · polled every ${box.pollMinutes} min` : ''}
          </span>
        ) : (
          <span className="muted small">
            Not set up — <a href="#/settings">Settings → DMARC mailbox</a>
          </span>
        )}
        <span className="grow" />
        <button className="btn small" disabled={!box.configured || busy} onClick={() => void fetchNow()}>
          {busy ? 'Fetching…' : 'Fetch now'}
        </button>
      </div>
      {error ? <ErrorBox error={error} /> : null}
      {result && m && (
        <div className="import-result" role="status" aria-label="Fetch result">
          <div className="toolbar">
            <StatusChip tone={result.errors.length ? 'warning' : 'ok'} label={result.state === 'done' ? 'fetched' : result.state} />
            <span>
              <strong>{m.unseen}</strong> unseen message(s)
            </span>
            <span>
              <strong>{m.processed}</strong> processed
            </span>
            <span>
              <strong>{m.unreadable}</strong> unreadable
            </span>
            {m.left > 0 && <span className="warn-text">{m.left} left for the next fetch</span>}
            <span className="muted">
              {result.imported} report(s) imported · {result.duplicates} duplicate(s) · {result.records.toLocaleString()} rows
            </span>
          </div>
          <RepairList notes={result.repaired} />
          {result.errors.length > 0 && (
            <ul className="import-errors" aria-label="Messages not imported" ref={errorsBox.ref} tabIndex={errorsBox.tabIndex}>
              {result.errors.map((e, i) => (
                <li key={i}>
                  <span className="mono">{e.file}</span> — {e.message} <span className="muted mono">[{e.code}]</span>
                </li>
              ))}
            </ul>
          )}
        </div>
      )}
    </section>
  );
}
