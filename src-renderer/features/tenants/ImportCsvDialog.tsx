import { useState } from 'react';
import type { CsvImportResult } from '../../../src-preload/api/tenant-queries';
import { useApi } from '../../app/api-context';
import { Dialog } from '../../components/Dialog';
import { ErrorBox } from '../../components/Feedback';

/** CSV import: checked first (dry run), written only when every row is valid, all or nothing. */
export function ImportCsvDialog({ onClose }: { onClose: () => void }) {
  const api = useApi();
  const [csv, setCsv] = useState<string | null>(null);
  const [fileName, setFileName] = useState('');
  const [check, setCheck] = useState<CsvImportResult | null>(null);
  const [done, setDone] = useState<CsvImportResult | null>(null);
  const [failure, setFailure] = useState<unknown>(null);
  const [busy, setBusy] = useState(false);

  const pick = async (file: File | undefined) => {
    if (!file) return;
    setFailure(null);
    setDone(null);
    setCheck(null);
    setFileName(file.name);
    const text = await file.text();
    setCsv(text);
    setBusy(true);
    try {
      setCheck(await api.tenants.importCsv({ csv: text, dryRun: true }));
    } catch (err) {
      setFailure(err);
    } finally {
      setBusy(false);
    }
  };

  const commit = async () => {
    if (!csv) return;
    setBusy(true);
    try {
      setDone(await api.tenants.importCsv({ csv, dryRun: false }));
    } catch (err) {
      setFailure(err);
    } finally {
      setBusy(false);
    }
  };

  return (
    <Dialog title="Import tenants from CSV" onClose={onClose}>
      <p className="muted" style={{ marginTop: 0 }}>
        Columns: <code>name, domain</code> (required), <code>contact_name, contact_email, from_address, from_name, option, tags, notes</code>. Tags are separated by <code>;</code>. Nothing is written unless every row is valid.
      </p>
      <input type="file" accept=".csv,text/csv" aria-label="CSV file" onChange={(e) => void pick(e.target.files?.[0])} />
      {busy && <p className="muted">Checking {fileName}…</p>}
      {failure ? <ErrorBox error={failure} /> : null}
      {check && !done && (check.errors.length ? (
        <div role="alert">
          <p><strong>{check.errors.length} problem(s)</strong> in {check.rows} row(s); nothing will be imported until they are fixed:</p>
          <ul style={{ maxHeight: 220, overflow: 'auto' }}>
            {check.errors.slice(0, 200).map((e, i) => <li key={i}>Line {e.row}{e.field ? ` (${e.field})` : ''}: {e.message}</li>)}
          </ul>
        </div>
      ) : (
        <p>All {check.rows} row(s) are valid.</p>
      ))}
      {done && <p role="status">Imported {done.imported} tenant(s).</p>}
      <div className="actions">
        <button className="btn" onClick={onClose}>{done ? 'Close' : 'Cancel'}</button>
        {!done && <button className="btn primary" disabled={!check || check.errors.length > 0 || busy} onClick={() => void commit()}>Import {check?.rows ?? ''} tenant(s)</button>}
      </div>
    </Dialog>
  );
}
