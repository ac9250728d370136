import type { CheckReportView } from '../../../src-preload/api/dns';
import { option2Verdict } from '../../../src-preload/api/verdicts';
import { StatusChip } from '../../components/Status';
import { option2Facts } from './dns-text';

/** The DMARC policy receivers apply, and the option-2 pre-flight verdict it implies. */
export function DmarcCards({ report, option }: { report: CheckReportView; option: 1 | 2 | 3 | null }) {
  const d = report.dmarc;
  const v = option2Verdict(option2Facts(report));
  const active = option === 2;
  return (
    <div className="grid2">
      <div className="card">
        <h2>DMARC policy</h2>
        {d ? (
          <dl className="kv">
            <dt>Applied</dt>
            <dd>
              <strong>p={d.applied}</strong>{' '}
              <span className="muted">
                ({d.scope === 'domain' ? 'the domain’s own p' : d.scope === 'subdomain' ? 'sp of the organisational domain' : 'np: non-existent subdomain'})
              </span>
            </dd>
            <dt>Record</dt>
            <dd>
              <code>{d.record}</code>
            </dd>
            <dt>Published at</dt>
            <dd className="mono">_dmarc.{d.source}</dd>
            {d.errors.length > 0 && (
              <>
                <dt>Errors</dt>
                <dd>{d.errors.join('; ')}</dd>
              </>
            )}
          </dl>
        ) : (
          <p className="muted">No DMARC policy applies to {report.domain}: receivers take no action on failing mail.</p>
        )}
      </div>
      <div className={`card verdict ${v.tone}`} data-testid="option2-verdict" aria-label="Option 2 pre-flight">
        <h2>
          Option 2: <StatusChip tone={v.tone} label={v.word} />{' '}
          {active ? <span className="muted">this tenant sends with option 2</span> : <span className="muted">pre-flight, in case option 2 is considered</span>}
        </h2>
        <p>{report.option2.reason}</p>
      </div>
    </div>
  );
}
