import { useEffect, useMemo, useRef, useState } from 'react';
import type { DmarcRecordChoices } from '../../../src-preload/api/dmarc';
import type { Tenant } from '../../../src-preload/api/tenants';
import { useApi } from '../../app/api-context';
import { useQuery } from '../../app/data/use-query';
import { ErrorBox } from '../../components/Feedback';
import { ChosenRecord, type PlanOptions } from './ChosenRecord';
import { RecordOutput } from './RecordOutput';
import { RolloutPlan } from './RolloutPlan';
import { TenantSourcesSummary } from './TenantSourcesSummary';

type Policy = DmarcRecordChoices['p'];
interface Form {
  p: Policy;
  sp: Policy | '';
  np: Policy | '';
  adkim: 'r' | 's' | '';
  aspf: 'r' | 's' | '';
  rua: string;
  ruf: string;
  t: boolean;
  legacy: boolean;
  pct: number;
}
const START: Form = { p: 'none', sp: '', np: '', adkim: '', aspf: '', rua: '', ruf: '', t: false, legacy: false, pct: 100 };

const uris = (text: string) =>
  text
    .split(/[\s,]+/)
    .map((s) => s.trim())
    .filter(Boolean)
    .map((s) => (/^mailto:/i.test(s) ? s : `mailto:${s}`));

function toChoices(f: Form): DmarcRecordChoices {
  const rua = uris(f.rua);
  const ruf = uris(f.ruf);
  return {
    p: f.p,
    ...(f.sp ? { sp: f.sp } : {}),
    ...(f.np ? { np: f.np } : {}),
    ...(f.adkim ? { adkim: f.adkim } : {}),
    ...(f.aspf ? { aspf: f.aspf } : {}),
    ...(rua.length ? { rua } : {}),
    ...(ruf.length ? { ruf } : {}),
    ...(f.t ? { t: true } : {}),
    ...(f.legacy ? { legacyPct: f.pct } : {}),
  };
}

/** The form showing a stored choice, so reopening the tab shows the record the sheet lists. */
function fromChoices(c: DmarcRecordChoices): Form {
  const bare = (list: string[] | undefined) => (list ?? []).map((u) => u.replace(/^mailto:/i, '')).join(', ');
  return {
    p: c.p,
    sp: c.sp ?? '',
    np: c.np ?? '',
    adkim: c.adkim ?? '',
    aspf: c.aspf ?? '',
    rua: bare(c.rua),
    ruf: bare(c.ruf),
    t: c.t ?? false,
    legacy: c.legacyPct !== undefined,
    pct: c.legacyPct ?? 100,
  };
}

/** Tenant detail → DMARC: build the record (with rollout plan), see what is published and the diff, and the domain's senders. */
export function DmarcTab({ tenant }: { tenant: Tenant }) {
  const api = useApi();
  const [form, setForm] = useState<Form>(START);
  const [planOptions, setPlanOptions] = useState<PlanOptions | null>(null);
  // A ref, not state: the seeding below must see edits made while the read was in flight.
  const touched = useRef(false);
  const choices = useMemo(() => toChoices(form), [form]);
  const key = JSON.stringify(choices);
  const set = <K extends keyof Form>(k: K, v: Form[K]) => ((touched.current = true), setForm((f) => ({ ...f, [k]: v })));

  const savedQuery = useQuery(() => api.dmarc.savedRecord({ id: tenant.id }), [api, tenant.id, tenant.domain]);
  const saved = savedQuery.data?.record ?? null;
  // Start from the stored choice unless staff already began editing.
  useEffect(() => {
    if (saved && saved.domain === tenant.domain.toLowerCase()) setForm((f) => (touched.current ? f : fromChoices(saved.input)));
  }, [saved]);
  // Debounced: the published record may need a live DNS lookup, not one per keystroke.
  const buildQuery = useQuery(() => api.dmarc.buildRecord({ domain: tenant.domain, input: JSON.parse(key) as DmarcRecordChoices }), [api, tenant.domain, key], {
    debounceMs: 250,
  });
  const built = buildQuery.data ?? null;
  const error = buildQuery.error;

  const { p: _p, t: _t, ...base } = choices;
  return (
    <div className="dmarc-tab">
      <div className="grid2">
        <div className="card">
          <h2>Record builder for {tenant.domain}</h2>
          <div className="form">
            <PolicyField label="Policy (p)" value={form.p} onChange={(v) => set('p', v as Policy)} />
            <PolicyField label="Subdomains (sp)" value={form.sp} inherit onChange={(v) => set('sp', v as Policy | '')} />
            <PolicyField label="Non-existent subdomains (np)" value={form.np} inherit onChange={(v) => set('np', v as Policy | '')} />
            <div className="field">
              <label htmlFor="dm-adkim">DKIM alignment (adkim)</label>
              <select id="dm-adkim" className="input" value={form.adkim} onChange={(e) => set('adkim', e.target.value as Form['adkim'])}>
                <option value="">relaxed (default)</option>
                <option value="s">strict</option>
                <option value="r">relaxed (explicit)</option>
              </select>
            </div>
            <div className="field">
              <label htmlFor="dm-aspf">SPF alignment (aspf)</label>
              <select id="dm-aspf" className="input" value={form.aspf} onChange={(e) => set('aspf', e.target.value as Form['aspf'])}>
                <option value="">relaxed (default)</option>
                <option value="s">strict</option>
                <option value="r">relaxed (explicit)</option>
              </select>
            </div>
            <div className="field">
              <label htmlFor="dm-t">Test mode</label>
              <label className="field-inline">
                <input id="dm-t" type="checkbox" checked={form.t} onChange={(e) => set('t', e.target.checked)} /> t=y: receivers apply one level less (RFC 9989)
              </label>
            </div>
            <div className="field wide">
              <label htmlFor="dm-rua">Aggregate reports to (rua)</label>
              <input
                id="dm-rua"
                className="input"
                placeholder={`mailto:dmarc@${tenant.domain}, or the vendor's report mailbox`}
                value={form.rua}
                onChange={(e) => set('rua', e.target.value)}
              />
            </div>
            <div className="field wide">
              <label htmlFor="dm-ruf">Failure reports to (ruf, optional; few receivers send them)</label>
              <input id="dm-ruf" className="input" value={form.ruf} onChange={(e) => set('ruf', e.target.value)} />
            </div>
            <details className="field wide legacy">
              <summary>Legacy options</summary>
              <label className="field-inline">
                <input type="checkbox" checked={form.legacy} onChange={(e) => set('legacy', e.target.checked)} /> pct=
                <input
                  className="input days"
                  type="number"
                  min={0}
                  max={100}
                  aria-label="pct"
                  value={form.pct}
                  disabled={!form.legacy}
                  onChange={(e) => set('pct', Math.max(0, Math.min(100, Number(e.target.value) || 0)))}
                />
                % — obsolete (RFC 9989 dropped it); only for receivers that still honour it. Prefer t=y.
              </label>
            </details>
          </div>
          <ChosenRecord
            tenant={tenant}
            choices={choices}
            value={error ? null : (built?.value ?? null)}
            saved={saved}
            plan={planOptions}
            onSaved={(record) => savedQuery.setData({ record })}
          />
        </div>
        <div className="stack">
          {savedQuery.error ? <ErrorBox error={savedQuery.error} /> : null}
          {error ? <ErrorBox error={error} /> : null}
          {built ? <RecordOutput built={built} /> : !error && <div className="card muted">Building…</div>}
        </div>
      </div>
      <RolloutPlan domain={tenant.domain} base={base} onOptions={setPlanOptions} />
      <TenantSourcesSummary domain={tenant.domain} />
    </div>
  );
}

function PolicyField({ label, value, onChange, inherit }: { label: string; value: string; onChange: (v: string) => void; inherit?: boolean }) {
  const id = `dm-${label.replace(/\W+/g, '-').toLowerCase()}`;
  return (
    <div className="field">
      <label htmlFor={id}>{label}</label>
      <select id={id} className="input" value={value} onChange={(e) => onChange(e.target.value)}>
        {inherit && <option value="">same as p</option>}
        <option value="none">none — monitor only</option>
        <option value="quarantine">quarantine — to spam</option>
        <option value="reject">reject — refuse</option>
      </select>
    </div>
  );
}
