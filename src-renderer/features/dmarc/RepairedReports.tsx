import { useApi } from '../../app/api-context';
import { useQuery } from '../../app/data/use-query';
import { ErrorBox } from '../../components/Feedback';

/** Reports of this domain imported with something tolerated: a badge and the note, so nothing is bent silently. */
export function RepairedReports({ domain, refresh }: { domain: string; refresh: unknown }) {
  const api = useApi();
  const query = useQuery(() => api.dmarc.repaired({ domain }), [api, domain, refresh]);
  const reports = query.data?.reports ?? [];
  if (query.error) return <ErrorBox error={query.error} />;
  if (reports.length === 0) return null;
  return (
    <div className="card" aria-label="Repaired reports">
      <h2>
        Repaired reports <span className="badge repaired">{reports.length}</span>
      </h2>
      <p className="muted small-print">Imported with something the reporter got wrong tolerated — the data counts; the note says what was bent.</p>
      <table className="dtable compact" data-testid="repaired-reports" aria-label="Repaired reports">
        <thead>
          <tr>
            <th>Day</th>
            <th>Reporter</th>
            <th>Report ID</th>
            <th>What was tolerated</th>
          </tr>
        </thead>
        <tbody>
          {reports.map((r) => (
            <tr key={`${r.org}/${r.reportId}`}>
              <td className="mono">{r.day}</td>
              <td>{r.org}</td>
              <td className="mono small">{r.reportId}</td>
              <td className="repaired-notes">
                {r.repairs.map((n) => (
                  <div key={n.code}>
                    <span className="badge repaired">repaired</span> {n.message} <span className="muted mono small">[{n.code}]</span>
                  </div>
                ))}
              </td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}
