import { useRef, useState } from 'react';
import type { Seed, SeedImportResult } from '../../../src-preload/api/sends';
import { useApi } from '../../app/api-context';
import { useMutation } from '../../app/data/use-mutation';
import { useQuery } from '../../app/data/use-query';
import { EmptyState, ErrorBox } from '../../components/Feedback';
import { StatusChip } from '../../components/Status';
import { fileBase64 } from '../../components/file-bytes';
import { SeedMailboxDialog } from './SeedMailboxDialog';

/** Sidebar → Test sends: the seed inbox list every tenant's test sends go to. */
export function SeedsView() {
  const api = useApi();
  const seedsQuery = useQuery(async () => (await api.sends.seedsList({})).seeds, [api]);
  const seeds = seedsQuery.data ?? null;
  const [address, setAddress] = useState('');
  const [provider, setProvider] = useState('');
  const action = useMutation();
  const error = action.error || seedsQuery.error;
  const [imported, setImported] = useState<SeedImportResult | null>(null);
  const file = useRef<HTMLInputElement>(null);
  const [mailboxOf, setMailboxOf] = useState<Seed | null>(null);

  const load = seedsQuery.reload;

  const add = () =>
    action.run('add', async () => {
      await api.sends.seedsAdd({ address, provider, active: true });
      setAddress('');
      setProvider('');
      load();
    });

  const toggle = (s: Seed) => action.run(`toggle-${s.id}`, async () => (await api.sends.seedsUpdate({ id: s.id, patch: { active: !s.active } }), load()));
  const remove = (s: Seed) =>
    window.confirm(`Remove the seed inbox ${s.address}? Past test sends keep their results.`) &&
    void action.run(`remove-${s.id}`, async () => (await api.sends.seedsRemove({ id: s.id }), load()));

  const importFile = (f: File) =>
    action.run('import', async () => {
      const file = { base64: await fileBase64(f), fileName: f.name };
      const check = await api.sends.seedsImport({ ...file, dryRun: true });
      const result = check.errors.length ? check : await api.sends.seedsImport({ ...file, dryRun: false });
      setImported(result);
      load();
    });

  const exportCsv = () =>
    action.run('export', async () => {
      const { csv } = await api.sends.seedsExport({});
      const url = URL.createObjectURL(new Blob([csv], { type: 'text/csv' }));
      const a = document.createElement('a');
      a.href = url;
      a.download = 'behalf-seed-inboxes.csv';
      a.click();
      URL.revokeObjectURL(url);
    });

  return (
    <div className="page">
      <div className="page-head">
        <h1>Test sends</h1>
        <span className="muted">
          Seed inboxes: where test sends go. Send from a tenant's <em>Test sends</em> tab.
        </span>
      </div>
      <form className="toolbar card" onSubmit={(e) => (e.preventDefault(), void add())} aria-label="Add a seed inbox">
        <label className="sr-only" htmlFor="seed-address">
          Seed address
        </label>
        <input id="seed-address" className="input dn-input" placeholder="seed@gmail.com" value={address} onChange={(e) => setAddress(e.target.value)} />
        <label className="sr-only" htmlFor="seed-provider">
          Provider label
        </label>
        <input id="seed-provider" className="input" placeholder="Provider (Gmail, Outlook…)" value={provider} onChange={(e) => setProvider(e.target.value)} />
        <button className="btn primary" type="submit" disabled={address.trim() === ''}>
          Add seed
        </button>
        <span className="sep" />
        <button className="btn" type="button" onClick={() => file.current?.click()}>
          Import CSV…
        </button>
        <input
          ref={file}
          type="file"
          accept=".csv,text/csv"
          hidden
          aria-label="Seed CSV file"
          onChange={(e) => {
            const f = e.target.files?.[0];
            e.target.value = '';
            if (f) void importFile(f);
          }}
        />
        <button className="btn" type="button" onClick={() => void exportCsv()} disabled={!seeds?.length}>
          Export CSV
        </button>
      </form>
      {error != null && <ErrorBox error={error} />}
      {imported &&
        (imported.errors.length ? (
          <div className="error-box" role="alert">
            <div>Nothing imported: {imported.errors.length} problem(s). Fix them and import the file again.</div>
            <ul className="sends-problems">
              {imported.errors.map((e, i) => (
                <li key={i}>
                  Line {e.row}
                  {e.field ? ` (${e.field})` : ''}: {e.message}
                </li>
              ))}
            </ul>
          </div>
        ) : (
          <div className="sends-imported" role="status">
            Imported: {imported.added} added, {imported.updated} updated.
            {imported.detected && (
              <span className="muted small">
                {' '}
                Read as {imported.detected.encoding}, {imported.detected.delimiter}-separated.
              </span>
            )}
            {imported.detected?.warning && <div className="warn-text small">{imported.detected.warning}</div>}
          </div>
        ))}
      {seeds && seeds.length === 0 && (
        <EmptyState title="No seed inboxes yet">
          Add the inboxes you watch (Gmail, Outlook, Yahoo, iCloud, the customer's own), or import a CSV with columns address,provider,active.
        </EmptyState>
      )}
      {seeds && seeds.length > 0 && (
        <div className="card">
          <table className="dtable sends-table" aria-label="Seed inboxes">
            <thead>
              <tr>
                <th>Address</th>
                <th>Provider</th>
                <th>Status</th>
                <th>Added (UTC)</th>
                <th>
                  <span className="sr-only">Actions</span>
                </th>
              </tr>
            </thead>
            <tbody>
              {seeds.map((s) => (
                <tr key={s.id}>
                  <td className="mono">{s.address}</td>
                  <td>{s.provider || <span className="muted">—</span>}</td>
                  <td>
                    <StatusChip tone={s.active ? 'ok' : 'unknown'} label={s.active ? 'active' : 'paused'} />
                  </td>
                  <td className="mono small">{s.createdAt.replace('T', ' ').slice(0, 16)}</td>
                  <td>
                    <span className="toolbar">
                      <button className="btn small" onClick={() => void toggle(s)} aria-label={`${s.active ? 'Pause' : 'Activate'} ${s.address}`}>
                        {s.active ? 'Pause' : 'Activate'}
                      </button>
                      <button className="btn small" onClick={() => setMailboxOf(s)} aria-label={`Mailbox of ${s.address}`}>
                        Mailbox…
                      </button>
                      <button className="btn small danger" onClick={() => remove(s)} aria-label={`Remove ${s.address}`}>
                        Remove
                      </button>
                    </span>
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
      {mailboxOf && <SeedMailboxDialog seed={mailboxOf} onClose={() => setMailboxOf(null)} />}
    </div>
  );
}
