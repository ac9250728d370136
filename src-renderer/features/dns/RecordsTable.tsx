import type { RecordResultView } from '../../../src-preload/api/dns';
import { recordVerdict } from '../../../src-preload/api/verdicts';
import { VerdictChip } from '../../components/Status';
import { CopyValue } from './CopyValue';
import { CAUSE_TEXT, KIND_LABEL, ttlText } from './dns-text';

/** Views differ when the domain's own name servers and the resolver gave different answers. */
function viewsDiffer(r: RecordResultView): boolean {
  const v = r.views ?? [];
  return v.some((x) => x.cause !== v[0]?.cause || x.observed !== v[0]?.observed);
}

/** Records of one check: status, observed vs expected (copyable), cause, the one-line fix, TTL. */
export function RecordsTable({ records }: { records: RecordResultView[] }) {
  return (
    <table className="dns-table records" aria-label="DNS records">
      <thead>
        <tr>
          <th>Record</th>
          <th>Status</th>
          <th>Observed / expected</th>
          <th>Cause and fix</th>
          <th className="num">TTL</th>
        </tr>
      </thead>
      <tbody>
        {records.map((r) => (
          <tr key={`${r.kind}|${r.name}`} data-testid={`dns-row-${r.kind}`} className={r.status === 'ok' ? '' : 'bad'}>
            <td>
              <strong>{KIND_LABEL[r.kind] ?? r.kind}</strong>
              <div>
                <CopyValue value={r.name} label={`${r.kind} name`} />
              </div>
              <div className="muted small">{r.requirement}</div>
            </td>
            <td>
              <VerdictChip verdict={recordVerdict(r)} />
            </td>
            <td className="dns-values">
              <div className="dns-vrow">
                <span className="muted">observed</span>
                <CopyValue value={r.observed} label={`observed ${r.kind}`} />
              </div>
              {r.expected !== null && (
                <div className="dns-vrow">
                  <span className="muted">expected</span>
                  <CopyValue value={r.expected} label={`expected ${r.kind}`} />
                </div>
              )}
              {viewsDiffer(r) && (
                <ul className="dns-views" aria-label={`Views of ${r.kind}`}>
                  {(r.views ?? []).map((v) => (
                    <li key={v.server}>
                      <span className="mono">{v.source === 'resolver' ? 'resolver' : v.server}</span>: <code>{v.cause}</code>
                      {v.observed ? (
                        <>
                          {' '}
                          — <code>{v.observed}</code>
                        </>
                      ) : null}
                      {v.ttl !== null ? <span className="muted"> (TTL {ttlText(v.ttl)})</span> : null}
                    </li>
                  ))}
                </ul>
              )}
            </td>
            <td>
              <div>
                <code className="cause" title={CAUSE_TEXT[r.cause]}>
                  {r.cause}
                </code>{' '}
                <span className="muted">{r.cause === 'ok' ? '' : CAUSE_TEXT[r.cause]}</span>
              </div>
              <div>{r.message}</div>
              {r.status !== 'ok' && (
                <div className="dns-fix">
                  <strong>Fix:</strong> {r.fix}
                </div>
              )}
              {r.spf && (
                <div className="muted small">
                  {r.spf.capped ? 'at least ' : ''}
                  {r.spf.lookups} lookups, {r.spf.voidLookups} void
                </div>
              )}
            </td>
            <td className="num mono">
              {r.cause === 'stale-cache' && r.ttl !== null ? (
                <span title="How long the resolver may keep the old answer">{ttlText(r.ttl)} left</span>
              ) : (
                ttlText(r.ttl)
              )}
            </td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}
