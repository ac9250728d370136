import { useCallback, useEffect, useState } from 'react';
import { BULK_MAIL_VALUES, type BulkMail, type SenderRuleStatus, type SenderRules } from '../../../src-preload/api/rules';
import type { Tenant } from '../../../src-preload/api/tenants';
import { useApi, useEvent } from '../../app/api-context';
import { ErrorBox } from '../../components/Feedback';
import { StatusChip } from '../../components/Status';
import './rules.css';

const STATUS_VIEW: Record<SenderRuleStatus, { tone: 'ok' | 'failing' | 'info' | 'unknown'; word: string }> = {
  pass: { tone: 'ok', word: 'pass' },
  fail: { tone: 'failing', word: 'fail' },
  'n/a': { tone: 'info', word: 'not applicable' },
  'not-checked': { tone: 'unknown', word: 'not checked' },
};

const BULK_LABEL: Record<BulkMail | 'unknown', string> = {
  unknown: 'Not recorded yet',
  none: 'No marketing or bulk mail',
  broadcast: 'Yes, on a Postmark Broadcast stream',
  transactional: 'Yes, on the transactional stream',
};

/** The tenant's Overview: the mailbox providers' bulk-sender rules, each with its status, reason, fix and sources. */
export function SenderRulesCard({ tenant }: { tenant: Tenant }) {
  const api = useApi();
  const [rules, setRules] = useState<SenderRules | null>(null);
  const [error, setError] = useState<unknown>(null);
  const load = useCallback(() => void api.rules.tenant({ id: tenant.id }).then(setRules, setError), [api, tenant.id]);
  useEffect(load, [load]);
  useEvent('tenants.changed', (e) => (e.ids.length === 0 || e.ids.includes(tenant.id)) && load());

  const setBulkMail = (value: string) => {
    setError(null);
    api.rules.setBulkMail({ id: tenant.id, bulkMail: value === 'unknown' ? null : (value as BulkMail) }).then(setRules, setError);
  };

  return (
    <section className="card sender-rules" aria-labelledby="sender-rules-title">
      <div className="sender-rules-head">
        <h2 id="sender-rules-title">Mailbox providers’ rules</h2>
        {rules && (rules.failing > 0 ? <StatusChip tone="failing" label={`${rules.failing} failing`} /> : <StatusChip tone="ok" label="none failing" />)}
        <span className="grow" />
        {/* Shown once loaded, never as a disabled control; the app's input style keeps both themes readable. */}
        {rules && (
          <label className="small-print">
            Bulk or marketing mail{' '}
            <select className="input" value={rules.bulkMail ?? 'unknown'} onChange={(e) => setBulkMail(e.target.value)}>
              {(['unknown', ...BULK_MAIL_VALUES] as const).map((v) => (
                <option key={v} value={v}>
                  {BULK_LABEL[v]}
                </option>
              ))}
            </select>
          </label>
        )}
      </div>
      <p className="muted small-print">
        Gmail and Yahoo bulk-sender requirements (February 2024) and Outlook.com’s high-volume sender requirements (May 2025), judged from the latest DNS check,
        the cached sending health and what is recorded here.
      </p>
      {error ? <ErrorBox error={error} /> : null}
      {!rules && !error && <p className="muted">Loading…</p>}
      {rules && (
        <ul className="sender-rule-list">
          {rules.items.map((i) => (
            <li key={i.id} data-rule={i.id} data-status={i.status}>
              <div className="sender-rule-line">
                <StatusChip tone={STATUS_VIEW[i.status].tone} label={STATUS_VIEW[i.status].word} />
                <strong>{i.title}</strong>
              </div>
              <div className="sender-rule-reason">{i.reason}</div>
              {i.fix && i.status !== 'pass' && <div className="sender-rule-fix">Fix: {i.fix}</div>}
              {i.fix && i.status === 'pass' && <div className="sender-rule-fix muted">Note: {i.fix}</div>}
              <div className="sender-rule-sources muted">
                {i.sources.map((s, n) => (
                  <span key={s.url}>
                    {n > 0 ? ' · ' : 'Source: '}
                    <a href={s.url} target="_blank" rel="noreferrer" title={s.title}>
                      {s.who}
                    </a>
                    {s.basis === 'assumed' ? ' (assumed)' : ''}
                  </span>
                ))}
              </div>
            </li>
          ))}
        </ul>
      )}
    </section>
  );
}
