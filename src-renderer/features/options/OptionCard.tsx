import type { OptionComparisonView } from '../../../src-preload/api/options';
import { VerdictChip } from '../../components/Status';
import { dmarcOutcomeVerdict } from '../../../src-preload/api/verdicts';
import { EFFORT_LABEL, PREREQ_ICON } from './tones';

interface Props {
  o: OptionComparisonView;
  recommended: boolean;
  vendorName: string;
  busy: boolean;
  onChoose: () => void;
}

/** One option side by side with the others: effort, what the recipient sees, deliverability, prerequisites. */
export function OptionCard({ o, recommended, vendorName, busy, onChoose }: Props) {
  const dmarc = dmarcOutcomeVerdict(o.deliverability);
  const p = o.branding.preview;
  const cls = ['card', 'opt-card', o.offered ? '' : 'not-offered', recommended ? 'recommended' : '', o.current ? 'current' : ''].filter(Boolean).join(' ');
  return (
    <section className={cls} aria-label={`Option ${o.option}: ${o.title}`} data-testid={`option-card-${o.option}`}>
      <header className="opt-card-head">
        <span className={`opt o${o.option}`}>{o.option}</span>
        <h2>{o.title}</h2>
      </header>
      <div className="opt-card-flags">
        <VerdictChip verdict={o.verdict} />
        {o.current && <span className="flag current">current</span>}
        {recommended && <span className="flag recommended">recommended</span>}
      </div>
      {!o.offered && (
        <p className="opt-not-offered" role="note">
          Not offered: {vendorName} does not offer option {o.option} (Settings → offered options).
        </p>
      )}

      <h3>Effort</h3>
      <p className="opt-effort">{EFFORT_LABEL[o.effort.customerLevel]}</p>
      <ul className="opt-list">
        {o.effort.customer.map((l) => (
          <li key={`c${l}`}>
            <span className="muted">Customer:</span> {l}
          </li>
        ))}
        {o.effort.vendor.map((l) => (
          <li key={`v${l}`}>
            <span className="muted">You:</span> {l}
          </li>
        ))}
      </ul>

      <h3>What recipients see</h3>
      <div className="mail-preview" aria-label="Gmail preview">
        <span className="client">Gmail</span>
        <span>
          <strong>{p.displayName || p.address}</strong>
          {p.displayName && <span className="muted"> &lt;{p.address}&gt;</span>}
          {p.gmailVia && (
            <>
              {' '}
              <span className="via">via {p.gmailVia}</span>
            </>
          )}
        </span>
      </div>
      <div className="mail-preview" aria-label="Outlook preview">
        <span className="client">Outlook</span>
        <span>
          {p.outlookOnBehalfOf && (
            <>
              <span className="via">{p.outlookOnBehalfOf}</span> on behalf of{' '}
            </>
          )}
          <strong>{p.displayName || p.address}</strong>
          {p.displayName && <span className="muted"> &lt;{p.address}&gt;</span>}
        </span>
      </div>
      {p.addressIsExample && o.option !== 3 && <p className="muted small">Example address: no From address is set for this tenant.</p>}
      <p className="small">{o.branding.summary}</p>

      <h3>Deliverability</h3>
      <div>
        <VerdictChip verdict={dmarc} /> <span className="mono muted">{o.deliverability.dmarcDomain}</span>
      </div>
      <p className="small">{o.deliverability.dmarcDetail}</p>
      <p className="small muted">{o.deliverability.reputationText}</p>

      <h3>Prerequisites</h3>
      <ul className="opt-prereqs">
        {o.prerequisites.map((r) => (
          <li key={r.id} className={`prereq ${r.state}`}>
            <span aria-hidden>{PREREQ_ICON[r.state]}</span>
            <span>
              <span className="sr-only">{r.state}: </span>
              {r.label}
              <br />
              <span className="muted small">{r.detail}</span>
            </span>
          </li>
        ))}
      </ul>

      {(o.assessment.why.length > 0 || o.assessment.warnings.length > 0) && (
        <ul className="opt-list small">
          {o.assessment.why.map((w) => (
            <li key={w}>{w}</li>
          ))}
          {o.assessment.warnings.map((w) => (
            <li key={w} className="warn-text">
              {w}
            </li>
          ))}
        </ul>
      )}

      <div className="opt-card-foot">
        <button
          className={recommended && !o.current ? 'btn primary' : 'btn'}
          disabled={busy || o.current || !o.offered}
          title={!o.offered ? 'Not offered by the vendor' : o.current ? 'The tenant is on this option' : undefined}
          onClick={onChoose}
        >
          {o.current ? `On option ${o.option}` : `Choose option ${o.option}`}
        </button>
      </div>
    </section>
  );
}
