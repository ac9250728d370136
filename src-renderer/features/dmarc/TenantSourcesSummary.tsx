import { useApi } from '../../app/api-context';
import { useQuery } from '../../app/data/use-query';
import { ErrorBox } from '../../components/Feedback';
import { StatusChip } from '../../components/Status';
import { percent } from './chart-scale';

/** The tenant's domain in the imported reports, in four numbers, with the way to the full DMARC page. */
export function TenantSourcesSummary({ domain }: { domain: string }) {
  const api = useApi();
  // The counts cover every source; the one row asked for is not shown (the DMARC page lists them).
  const query = useQuery(() => api.dmarc.sources({ domain, resolvePtr: false, limit: 1 }), [api, domain]);
  const report = query.data ?? null;
  const error = query.error;
  const href = `#/dmarc/${encodeURIComponent(domain)}`;
  return (
    <div className="card" data-testid="tenant-dmarc-sources">
      <h2>Who sends as {domain}</h2>
      {error ? (
        <ErrorBox error={error} />
      ) : !report ? (
        <span className="muted">Loading…</span>
      ) : report.messages === 0 ? (
        <p className="muted">
          No aggregate reports imported for {domain} yet. <a href="#/dmarc">Import reports on the DMARC page</a> once the record has a <code>rua=</code>{' '}
          address.
        </p>
      ) : (
        <>
          <dl className="kv">
            <dt>Messages</dt>
            <dd>{report.messages.toLocaleString()}</dd>
            <dt>Pass DMARC</dt>
            <dd>
              {percent(report.passing, report.messages)} ({report.passing.toLocaleString()})
            </dd>
            <dt>Sources</dt>
            <dd>
              {report.counts.sources.toLocaleString()} ({report.counts.postmark.toLocaleString()} Postmark)
            </dd>
            <dt>Unknown failing</dt>
            <dd>{flagged(report.counts.unknownFailing, 'failing')}</dd>
            <dt>Postmark unaligned</dt>
            <dd>{flagged(report.counts.postmarkUnaligned, 'warning')}</dd>
          </dl>
          <p>
            <a href={href}>Open {domain} on the DMARC page</a> for charts, sources and readiness.
          </p>
        </>
      )}
    </div>
  );
}

function flagged(n: number, tone: 'failing' | 'warning') {
  return n === 0 ? <StatusChip tone="ok" label="none" /> : <StatusChip tone={tone} label={`${n.toLocaleString()} source(s)`} />;
}
