import { useApi } from '../../app/api-context';
import { useQuery } from '../../app/data/use-query';
import { ErrorBox } from '../../components/Feedback';
import { useScrollFocus } from '../../components/scroll-focus';

/**
 * Failure reports (ruf) for this domain: one message each that failed DMARC somewhere — the failing source, From,
 * what failed and what the receiver did. Subjects and recipients stay in the ledger (never shown or exported).
 */
export function FailureReports({ domain, refresh }: { domain: string; refresh: unknown }) {
  const api = useApi();
  const query = useQuery(() => api.dmarc.failures({ domain }), [api, domain, refresh]);
  const box = useScrollFocus<HTMLDivElement>();
  const rows = query.data?.failures ?? [];
  if (query.error) return <ErrorBox error={query.error} />;
  if (rows.length === 0) return null;
  return (
    <section className="card" aria-label="Failure reports">
      <h2>
        Failure reports (ruf) <span className="muted small">{rows.length}</span>
      </h2>
      <div className="dtable-wrap" role="region" aria-label="Failure reports, scrollable" ref={box.ref} tabIndex={box.tabIndex}>
        <table className="dtable compact" data-testid="failure-reports">
          <thead>
            <tr>
              <th>Arrival (UTC)</th>
              <th>Source IP</th>
              <th>From</th>
              <th>Failed</th>
              <th>Disposition</th>
              <th>Reporter</th>
              <th>Authentication results</th>
            </tr>
          </thead>
          <tbody>
            {rows.map((f, i) => (
              <tr key={i}>
                <td className="mono">{f.arrival?.replace('T', ' ').replace('Z', '') ?? '—'}</td>
                <td className="mono">{f.sourceIp || '—'}</td>
                <td className="mono">{f.headerFrom || '—'}</td>
                <td>
                  {f.authFailure || '—'}
                  {f.dkimDomain ? <span className="muted small"> (d={f.dkimDomain})</span> : null}
                </td>
                <td>{f.disposition || <span className="muted">not said</span>}</td>
                <td>{f.reporter}</td>
                <td className="mono small repaired-notes">{f.authResults}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
    </section>
  );
}
