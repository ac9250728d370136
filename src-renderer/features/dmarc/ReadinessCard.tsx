import type { DmarcReadiness } from '../../../src-preload/api/dmarc';
import { StatusChip } from '../../components/Status';

/** "Had p=reject applied…": the sentence, then the sources whose mail would have been refused. */
export function ReadinessCard({ readiness: r }: { readiness: DmarcReadiness }) {
  // Badge and next step are main's words (src-preload/api/verdicts.ts enforcementVerdict), never improvised here.
  return (
    <div className="card" data-testid="readiness">
      <div className="card-head">
        <h2>Enforcement readiness</h2>
        <StatusChip tone={r.verdict.tone} label={r.verdict.word} />
      </div>
      <p data-testid="readiness-next-step">
        <strong>Next step: </strong>
        {r.nextStep}
      </p>
      <p data-testid="readiness-summary">{r.summary}</p>
      {r.postmarkFailing > 0 && (
        <p className="warn-text">
          {r.postmarkFailing.toLocaleString()} of those are Postmark messages{r.tenant ? ` sent for ${r.tenant.name}` : ''}: fix DKIM/Return-Path (option 1)
          before tightening the policy.
        </p>
      )}
      {r.omitted.sources > 0 && (
        <p className="muted small" data-testid="readiness-omitted">
          The {r.sources.length.toLocaleString()} sources with the most refused messages, of {r.failingSources.toLocaleString()}. The other{' '}
          {r.omitted.sources.toLocaleString()} would have lost {r.omitted.failing.toLocaleString()} message(s); all of them:{' '}
          <code>behalf dmarc readiness --domain {r.domain} --json</code>
        </p>
      )}
      {r.sources.length > 0 && (
        <table className="dtable compact" aria-label="Sources that would be rejected">
          <thead>
            <tr>
              <th>Source</th>
              <th>Reverse DNS</th>
              <th className="num">Would be rejected</th>
              <th className="num">Of</th>
              <th>Sender</th>
            </tr>
          </thead>
          <tbody>
            {r.sources.map((s) => (
              <tr key={s.ip}>
                <td className="mono">{s.ip}</td>
                <td className="mono">{s.ptr ?? <span className="muted">—</span>}</td>
                <td className="num">{s.failing.toLocaleString()}</td>
                <td className="num muted">{s.count.toLocaleString()}</td>
                <td>
                  {s.postmark ? (
                    <span className="pm-tag">Postmark</span>
                  ) : s.legitimate ? (
                    <span className="muted">legitimate: {s.legitimate}</span>
                  ) : (
                    <span className="muted">unknown sender</span>
                  )}
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
    </div>
  );
}
