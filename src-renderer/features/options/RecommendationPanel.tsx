import type { OptionsCompareResult } from '../../../src-preload/api/options';
import { StatusChip } from '../../components/Status';

/** The advisor's pick and why, with the sentences about the picked option highlighted. */
export function RecommendationPanel({
  data,
  tenantName,
  checking,
  onCheckDns,
}: {
  data: OptionsCompareResult;
  tenantName: string;
  checking: boolean;
  onCheckDns(): void;
}) {
  const rec = data.recommendation;
  const picked = rec.option === null ? null : data.options.find((o) => o.option === rec.option);
  const check = data.dmarcCheck;
  return (
    <section className="card recommendation" aria-label="Recommendation">
      <div className="rec-head">
        <h2>
          {picked ? (
            <>
              Recommended for {tenantName}: option {picked.option} — {picked.title}
            </>
          ) : (
            <>No offered option is safe for {tenantName}</>
          )}
        </h2>
        <span className="grow" />
        {check ? (
          <span className="muted small">
            DMARC facts from the DNS check of <span className="mono">{check.domain}</span> at {check.checkedAt.replace('T', ' ').slice(0, 16)}
          </span>
        ) : (
          <StatusChip tone="unknown" label="DNS not checked yet" />
        )}
        {/* The advice rests on the check: offer it here rather than sending people to another tab. */}
        <button className={check ? 'btn small' : 'btn primary'} onClick={onCheckDns} disabled={checking} aria-busy={checking}>
          {checking ? 'Checking DNS…' : check ? 'Check DNS again' : 'Check DNS now'}
        </button>
      </div>
      <ul className="rec-reasons">
        {rec.reasons.map((r) => (
          <li key={r} className={rec.option !== null && r.startsWith(`option ${rec.option} `) ? 'key' : undefined}>
            {r}
          </li>
        ))}
      </ul>
      {rec.warnings.length > 0 && (
        // The note wraps the list: a <ul> given another role stops being a list, and its items lose their parent.
        <div role="note" aria-label="Warnings">
          <ul className="rec-warnings">
            {rec.warnings.map((w) => (
              <li key={w}>! {w}</li>
            ))}
          </ul>
        </div>
      )}
    </section>
  );
}
