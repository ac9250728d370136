import { useState } from 'react';
import type { Tenant } from '../../../src-preload/api/tenants';

const WHAT: Record<1 | 2 | 3, string> = {
  1: 'a Postmark server and the domain, with DKIM and a Return-Path the customer publishes in DNS',
  2: 'a Postmark server and a sender signature that the customer confirms by clicking Postmark’s email',
  3: 'a Postmark server; mail goes from your own domain with the customer’s name',
};

/** What provisioning will make, with the two things staff may adjust first. */
export function ProvisionCard({
  tenant,
  returnPathLabel,
  busy,
  onProvision,
}: {
  tenant: Tenant;
  returnPathLabel: string;
  busy: boolean;
  onProvision: (input: { returnPathDomain?: string; personalNote?: string }) => void;
}) {
  const [label, setLabel] = useState(returnPathLabel);
  const [note, setNote] = useState('');
  if (tenant.option === null) {
    return (
      <div className="card">
        <h2>Not provisioned</h2>
        <p className="muted">
          Choose a sending option on the <a href={`#/tenants/${tenant.id}/options`}>Options tab</a> first.
        </p>
      </div>
    );
  }
  const option = tenant.option;
  const missingFrom = option === 2 && !tenant.fromAddress;
  return (
    <div className="card pm-card">
      <h2>Not provisioned in Postmark yet</h2>
      <p>Provisioning makes {WHAT[option]}. Each step is queued and runs when Postmark is reachable.</p>
      {option === 1 && (
        <div className="field pm-field">
          <label htmlFor="pm-return-path">Return-Path host</label>
          <div className="pm-inline">
            <input id="pm-return-path" className="input" value={label} onChange={(e) => setLabel(e.target.value)} aria-describedby="pm-return-path-help" />
            <span className="mono">.{tenant.domain}</span>
          </div>
          <span id="pm-return-path-help" className="muted small">
            A CNAME to pm.mtasv.net the customer adds; it keeps bounces on their domain so SPF aligns with DMARC.
          </span>
        </div>
      )}
      {option === 2 && (
        <div className="field pm-field">
          <label htmlFor="pm-note">Personal note in Postmark’s confirmation email (optional)</label>
          <textarea
            id="pm-note"
            className="input"
            rows={3}
            maxLength={400}
            value={note}
            onChange={(e) => setNote(e.target.value)}
            placeholder={`e.g. This confirms ${tenant.fromAddress || 'your address'} for mail we send on your behalf.`}
          />
          <span className="muted small">
            {note.length} / 400 characters{tenant.fromAddress ? ` · sent to ${tenant.fromAddress}` : ''}
          </span>
        </div>
      )}
      {missingFrom && <p className="warn-text">Option 2 needs the From address: edit the tenant to add it.</p>}
      <div className="toolbar">
        <button
          className="btn primary"
          disabled={busy || missingFrom}
          onClick={() => onProvision(option === 1 ? { returnPathDomain: label } : option === 2 && note.trim() ? { personalNote: note.trim() } : {})}
        >
          {busy ? 'Provisioning…' : `Provision option ${option}`}
        </button>
      </div>
    </div>
  );
}
