import { useState } from 'react';
import type { CsvImportResult } from '../../../src-preload/api/tenant-queries';
import { useApi } from '../../app/api-context';
import { useMutation } from '../../app/data/use-mutation';
import { Dialog } from '../../components/Dialog';
import { ErrorBox } from '../../components/Feedback';
import { fileBase64 } from '../../components/file-bytes';
import { ImportPreview } from './ImportPreview';

/** CSV import: checked first (dry run, with a preview), written only when every row is valid, all or nothing. */
export function ImportCsvDialog({ onClose }: { onClose: () => void }) {
  const api = useApi();
  const [file, setFile] = useState<{ base64: string; fileName: string } | null>(null);
  const [fileName, setFileName] = useState('');
  const [check, setCheck] = useState<CsvImportResult | null>(null);
  const [done, setDone] = useState<CsvImportResult | null>(null);
  const { busy: running, error: failure, run } = useMutation();
  const busy = running !== null;

  const pick = async (picked: File | undefined) => {
    if (!picked) return;
    setDone(null);
    setCheck(null);
    setFileName(picked.name);
    await run('check', async () => {
      const sent = { base64: await fileBase64(picked), fileName: picked.name };
      setFile(sent);
      setCheck(await api.tenants.importCsv({ ...sent, dryRun: true }));
    });
  };

  const commit = async () => {
    if (!file) return;
    await run('import', async () => setDone(await api.tenants.importCsv({ ...file, dryRun: false })));
  };

  return (
    <Dialog title="Import tenants from CSV" onClose={onClose}>
      <p className="muted" style={{ marginTop: 0 }}>
        Columns: <code>name, domain</code> (required), <code>contact_name, contact_email, from_address, from_name, option, tags, notes</code>. Comma, semicolon
        or tab separated; UTF-8, or Excel&apos;s &quot;Unicode text&quot;. Nothing is written unless every row is valid.
      </p>
      <input type="file" accept=".csv,.txt,.tsv,text/csv,text/plain" aria-label="CSV file" onChange={(e) => void pick(e.target.files?.[0])} />
      {busy && <p className="muted">Checking {fileName}…</p>}
      {failure ? <ErrorBox error={failure} /> : null}
      {check && !done && <ImportPreview result={check} what="file" />}
      {done && <p role="status">Imported {done.imported} tenant(s).</p>}
      <div className="actions">
        <button className="btn" onClick={onClose}>
          {done ? 'Close' : 'Cancel'}
        </button>
        {!done && (
          <button className="btn primary" disabled={!check || check.errors.length > 0 || busy} onClick={() => void commit()}>
            Import {check?.rows ?? ''} tenant(s)
          </button>
        )}
      </div>
    </Dialog>
  );
}
