import { useState } from 'react';
import type { CsvImportResult } from '../../../src-preload/api/tenant-queries';
import { useApi } from '../../app/api-context';
import { useMutation } from '../../app/data/use-mutation';
import { useQuery } from '../../app/data/use-query';
import { ErrorBox } from '../../components/Feedback';
import { ImportPreview } from './ImportPreview';

/**
 * A pasted block becomes tenants (issue #22): one customer per line — domains, `name, domain`,
 * `name, domain, contact email`, or rows copied from a spreadsheet (tabs, with or without the header row).
 * Main checks it exactly like a CSV import; nothing is added until every line is valid.
 */
export function PasteList({ initial = '', onClose, onAdded }: { initial?: string; onClose: () => void; onAdded: () => void }) {
  const api = useApi();
  const [text, setText] = useState(initial);
  const [done, setDone] = useState<CsvImportResult | null>(null);
  const filled = text.trim() !== '';
  // Checked as the operator types or pastes, a moment after they stop.
  const checkQuery = useQuery(() => api.tenants.importCsv({ csv: text, source: 'paste', dryRun: true }), [api, text], { enabled: filled, debounceMs: 250 });
  const check = filled ? (checkQuery.data ?? null) : null;
  const adding = useMutation();
  const failure = adding.error || checkQuery.error;
  const busy = adding.busy !== null;

  const add = () =>
    adding.run('add', async () => {
      const r = await api.tenants.importCsv({ csv: text, source: 'paste', dryRun: false });
      if (r.errors.length) checkQuery.setData(r);
      else {
        setDone(r);
        onAdded();
      }
    });

  const ready = check && check.errors.length === 0 && check.rows > 0 && !busy;
  return (
    <div className="form" style={{ gridTemplateColumns: '1fr' }}>
      <div className="field">
        <label htmlFor="f-paste">
          One customer per line: <code>domain</code>, <code>name, domain</code> or <code>name, domain, contact email</code> — or rows copied from a spreadsheet
        </label>
        <textarea
          id="f-paste"
          className="input paste-area"
          rows={7}
          value={text}
          disabled={!!done}
          placeholder={'Acme Inc, acme.com\nBücher GmbH, bücher.de\nbeta.io'}
          onChange={(e) => setText(e.target.value)}
        />
      </div>
      {failure ? <ErrorBox error={failure} /> : null}
      {check && !done && <ImportPreview result={check} what="list" />}
      {done && <p role="status">Added {done.imported} tenant(s).</p>}
      <div className="actions">
        <button type="button" className="btn" onClick={onClose}>
          {done ? 'Close' : 'Cancel'}
        </button>
        {!done && (
          <button type="button" className="btn primary" disabled={!ready} onClick={() => void add()}>
            Add {check && !check.errors.length ? check.rows : ''} tenant(s)
          </button>
        )}
      </div>
    </div>
  );
}
