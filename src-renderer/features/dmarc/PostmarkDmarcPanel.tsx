import { useState } from 'react';
import type { DmarcImportResult } from '../../../src-preload/api/dmarc';
import { useApi } from '../../app/api-context';
import { importTaskResult } from './import-task';
import { useMutation } from '../../app/data/use-mutation';
import { useQuery } from '../../app/data/use-query';
import { ErrorBox } from '../../components/Feedback';
import { StatusChip } from '../../components/Status';
import { CopyButton } from '../../components/CopyButton';

type Connected = { record: { domain: string; email: string; reportingUri: string }; dns: { name: string | null; value: string } };

/**
 * Postmark DMARC monitoring: connect once (the private token stays in main's vault), then pull its aggregate
 * reports into the same ledger as imported files. The pull is an import task, read with importResult.
 */
export function PostmarkDmarcPanel({ onImported }: { onImported: () => void }) {
  const api = useApi();
  const statusQuery = useQuery(() => api.dmarc.postmarkStatus({}), [api]);
  const [email, setEmail] = useState('');
  const [domain, setDomain] = useState('');
  const [connected, setConnected] = useState<Connected | null>(null);
  const [verified, setVerified] = useState<boolean | null>(null);
  const [result, setResult] = useState<DmarcImportResult | null>(null);
  const { busy, error, run } = useMutation();
  const configured = statusQuery.data?.configured ?? null;

  const connect = () =>
    run('connect', async () => {
      setConnected(await api.dmarc.postmarkConnect({ email, domain }));
      statusQuery.setData({ baseUrl: '', ...statusQuery.data, configured: true });
    });
  const pull = () =>
    run('pull', async () => {
      setResult(null);
      const { taskId } = await api.dmarc.postmarkPull({});
      setResult(await importTaskResult(api, taskId));
      onImported();
    });

  return (
    <div className="card postmark-dmarc" data-testid="postmark-dmarc">
      <div className="card-head">
        <h2>Postmark DMARC</h2>
        <span className="muted small">free weekly digests; reports pulled into this console</span>
      </div>
      {configured === false && (
        <div className="toolbar">
          <input className="input" aria-label="Digest e-mail" placeholder="digest e-mail" value={email} onChange={(e) => setEmail(e.target.value)} />
          <input
            className="input"
            aria-label="Monitored name (e.g. acme.com)"
            placeholder="acme.com"
            value={domain}
            onChange={(e) => setDomain(e.target.value)}
          />
          <button className="btn" disabled={busy !== null || !email || !domain} onClick={() => void connect()}>
            Connect Postmark DMARC
          </button>
        </div>
      )}
      {connected && (
        <div className="small">
          Publish at <code className="mono">{connected.dns.name ?? `_dmarc.${connected.record.domain}`}</code>:{' '}
          <code className="mono">{connected.dns.value}</code> <CopyButton value={connected.dns.value} what="the DMARC record value" label="Copy value" />
        </div>
      )}
      {configured && (
        <div className="toolbar">
          <button className="btn primary" disabled={busy !== null} onClick={() => void pull()}>
            {busy === 'pull' ? 'Pulling…' : 'Pull reports from Postmark DMARC'}
          </button>
          <button
            className="btn"
            disabled={busy !== null}
            onClick={() => void run('verify', async () => setVerified((await api.dmarc.postmarkVerify({})).verified))}
          >
            Check the DNS record
          </button>
          {verified !== null && <StatusChip tone={verified ? 'ok' : 'pending'} label={verified ? 'record verified' : 'record not seen yet'} />}
        </div>
      )}
      {result && (
        <p className="small" role="status" aria-label="Postmark DMARC pull result">
          <strong data-testid="pm-dmarc-imported">{result.imported}</strong> imported, {result.duplicates} already here, {result.messages} messages
          {result.errors.length > 0 && (
            <>
              {' '}
              · {result.errors.length} could not be read: {result.errors.map((e) => `${e.file} (${e.code})`).join(', ')}
            </>
          )}
        </p>
      )}
      {error ? <ErrorBox error={error} /> : null}
      {statusQuery.error ? <ErrorBox error={statusQuery.error} /> : null}
    </div>
  );
}
