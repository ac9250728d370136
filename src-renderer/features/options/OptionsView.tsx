import { useApi } from '../../app/api-context';
import { useQuery } from '../../app/data/use-query';
import { ErrorBox } from '../../components/Feedback';
import { OPTION_LABEL, OptionBadge, StatusChip } from '../../components/Status';

const EXPLAIN = {
  1: {
    how: 'The customer adds a DKIM TXT record and a Return-Path CNAME; Postmark signs as their domain.',
    good: 'DMARC passes aligned; no "via"; the domain builds its own reputation.',
    cost: "Needs someone who can edit the customer's DNS.",
  },
  2: {
    how: 'Postmark emails a confirmation link to the From address; someone clicks it.',
    good: 'Quick: no DNS change.',
    cost: 'Not DMARC-aligned: Gmail shows "via pm.mtasv.net", and a p=quarantine or p=reject domain sends it to spam or rejects it.',
  },
  3: {
    how: "Mail comes from the vendor's own authenticated domain with the customer's name in the From display name.",
    good: 'Nothing for the customer to do; DMARC passes on the vendor domain.',
    cost: "The customer's address is not shown; every option 3 customer shares the vendor domain's reputation.",
  },
} as const;

/** Sidebar → Options: what the three options are, which the vendor offers, and how many tenants use each. */
export function OptionsView() {
  const api = useApi();
  const refreshOn = ['settings.changed', 'tenants.changed'] as const;
  const settingsQuery = useQuery(() => api.settings.get({}), [api], { refreshOn });
  const countsQuery = useQuery(
    async (): Promise<Record<string, number>> => {
      const keys = [1, 2, 3, 'undecided'] as const;
      const pairs = await Promise.all(keys.map((k) => api.tenants.list({ options: [k], limit: 1 }).then((p) => [String(k), p.total] as const)));
      return Object.fromEntries(pairs);
    },
    [api],
    { refreshOn },
  );
  const settings = settingsQuery.data ?? null;
  const counts = countsQuery.data ?? null;
  const error = settingsQuery.error || countsQuery.error || null;

  return (
    <div className="page">
      <div className="page-head">
        <h1>Options</h1>
      </div>
      {error != null && <ErrorBox error={error} />}
      <p className="muted">
        Three ways to send for a customer. Open a tenant's <strong>Options</strong> tab to compare them with that customer's DNS facts, see the recommendation
        and switch with a plan.
      </p>
      <div className="opt-grid">
        {([1, 2, 3] as const).map((o) => {
          const offered = settings?.offeredOptions.includes(o);
          return (
            <section key={o} className={`card opt-card${offered === false ? ' not-offered' : ''}`} aria-label={`Option ${o}: ${OPTION_LABEL[o]}`}>
              <header className="opt-card-head">
                <OptionBadge option={o} />
                <h2>{OPTION_LABEL[o]}</h2>
              </header>
              <div className="opt-card-flags">
                {settings && <StatusChip tone={offered ? 'ok' : 'unknown'} label={offered ? 'offered' : 'not offered'} />}
                <span className="muted">{counts ? `${counts[String(o)] ?? 0} tenant${counts[String(o)] === 1 ? '' : 's'}` : '…'}</span>
              </div>
              <h3>How</h3>
              <p>{EXPLAIN[o].how}</p>
              <h3>Good</h3>
              <p>{EXPLAIN[o].good}</p>
              <h3>Cost</h3>
              <p>{EXPLAIN[o].cost}</p>
            </section>
          );
        })}
      </div>
      <p className="muted">
        {counts ? `${counts.undecided ?? 0} tenant${counts.undecided === 1 ? ' has' : 's have'} no option yet. ` : ''}
        Which options are offered is set in <a href="#/settings">Settings</a>.
      </p>
    </div>
  );
}
