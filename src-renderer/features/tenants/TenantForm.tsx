import { useState } from 'react';
import { unicodeDomain } from '../../../src-preload/api/domain-input';
import { tenantDraftSchema, type Tenant } from '../../../src-preload/api/tenants';
import { ApiError } from '../../app/client';
import { useApi } from '../../app/api-context';
import { useMutation } from '../../app/data/use-mutation';
import { retryWhileBusy } from '../../app/busy-retry';
import { Dialog } from '../../components/Dialog';
import { ErrorBox } from '../../components/Feedback';
import { OPTION_LABEL } from '../../components/Status';
import { DomainHint } from './DomainHint';
import { PasteList } from './PasteList';

type FormState = Record<'name' | 'domain' | 'contactName' | 'contactEmail' | 'fromAddress' | 'fromName' | 'option' | 'tags' | 'notes', string>;

function toForm(t?: Tenant): FormState {
  return {
    name: t?.name ?? '',
    domain: t ? unicodeDomain(t.domain) : '',
    contactName: t?.contactName ?? '',
    contactEmail: t?.contactEmail ?? '',
    fromAddress: t?.fromAddress ?? '',
    fromName: t?.fromName ?? '',
    option: t?.option ? String(t.option) : '',
    tags: t?.tags.join(', ') ?? '',
    notes: t?.notes ?? '',
  };
}

function toDraft(f: FormState) {
  return {
    ...f,
    option: f.option ? (Number(f.option) as 1 | 2 | 3) : null,
    tags: f.tags
      .split(',')
      .map((s) => s.trim())
      .filter(Boolean),
  };
}

/** Add or edit a tenant. The same schema main enforces validates each field as it is typed. */
export function TenantForm({
  tenant,
  onClose,
  onSaved,
  onListAdded,
}: {
  tenant?: Tenant;
  onClose: () => void;
  onSaved: (t: Tenant) => void;
  onListAdded?: () => void;
}) {
  const api = useApi();
  /** Adding offers a pasted list too (issue #22); editing is always one tenant. */
  const [pasting, setPasting] = useState(false);
  const [form, setForm] = useState(() => toForm(tenant));
  const [touched, setTouched] = useState<Record<string, boolean>>({});
  const { busy, error: failure, run } = useMutation();
  const saving = busy !== null;
  /** Set while a save the ledger refused as busy waits to be tried again (the form keeps its values). */
  const [waiting, setWaiting] = useState<string | null>(null);

  const parsed = tenantDraftSchema.safeParse(toDraft(form));
  const errors: Record<string, string> = {};
  if (!parsed.success) for (const i of parsed.error.issues) errors[String(i.path[0])] ??= i.message;

  const field = (key: keyof FormState, label: string, props: { placeholder?: string; wide?: boolean; type?: string } = {}) => {
    const err = touched[key] ? errors[key] : undefined;
    return (
      <div className={`field${props.wide ? ' wide' : ''}`}>
        <label htmlFor={`f-${key}`}>{label}</label>
        <input
          id={`f-${key}`}
          className="input"
          type={props.type ?? 'text'}
          value={form[key]}
          placeholder={props.placeholder}
          aria-invalid={err ? true : undefined}
          aria-describedby={err ? `e-${key}` : undefined}
          onChange={(e) => setForm({ ...form, [key]: e.target.value })}
          onBlur={() => setTouched({ ...touched, [key]: true })}
          // The dialog opens on the customer's name, not on "Paste a list…" above the form: `n`, then type.
          data-autofocus={key === 'name' ? true : undefined}
        />
        {err && (
          <span className="err" id={`e-${key}`}>
            {err}
          </span>
        )}
      </div>
    );
  };

  const save = async () => {
    setTouched(Object.fromEntries(Object.keys(form).map((k) => [k, true])));
    if (!parsed.success) return;
    const draft = toDraft(form);
    const saved = await run('save', () =>
      retryWhileBusy(
        () => (tenant ? api.tenants.update({ id: tenant.id, patch: draft }) : api.tenants.create(draft)),
        (err, ms) => setWaiting(`${err.message} Trying again in ${Math.round(ms / 1000)} s; your changes are kept.`),
      ).catch((err: unknown) => {
        throw err instanceof ApiError ? err : new Error(String(err));
      }),
    );
    setWaiting(null);
    if (saved) onSaved(saved);
  };

  if (pasting) {
    return (
      <Dialog title="Add tenants from a list" onClose={onClose}>
        <p className="muted small" style={{ marginTop: 0 }}>
          <button type="button" className="btn" onClick={() => setPasting(false)}>
            ← One tenant
          </button>
        </p>
        <PasteList onClose={onClose} onAdded={() => onListAdded?.()} />
      </Dialog>
    );
  }

  return (
    <Dialog title={tenant ? `Edit ${tenant.name}` : 'Add tenant'} onClose={onClose}>
      {!tenant && (
        <p className="muted small" style={{ marginTop: 0 }}>
          Several customers?{' '}
          <button type="button" className="btn" onClick={() => setPasting(true)}>
            Paste a list…
          </button>
        </p>
      )}
      <form className="form" onSubmit={(e) => (e.preventDefault(), void save())} noValidate>
        {field('name', 'Customer name', { placeholder: 'Acme Inc' })}
        <div className="field">
          {field('domain', 'Primary domain', { placeholder: 'acme.com or bücher.de' })}
          <DomainHint value={form.domain} onUse={(domain) => setForm((f) => ({ ...f, domain }))} />
        </div>
        {field('contactName', 'Contact person', { placeholder: 'Jane Doe' })}
        {field('contactEmail', 'Contact email', { placeholder: 'jane@acme.com', type: 'email' })}
        {field('fromAddress', 'From address', { placeholder: 'support@acme.com', type: 'email' })}
        {field('fromName', 'From name', { placeholder: 'Acme Support' })}
        <div className="field">
          <label htmlFor="f-option">Sending option</label>
          <select id="f-option" className="input" value={form.option} onChange={(e) => setForm({ ...form, option: e.target.value })}>
            <option value="">Undecided</option>
            {([1, 2, 3] as const).map((o) => (
              <option key={o} value={o}>
                {o} — {OPTION_LABEL[o]}
              </option>
            ))}
          </select>
        </div>
        {field('tags', 'Tags (comma separated)', { placeholder: 'vip, eu' })}
        <div className="field wide">
          <label htmlFor="f-notes">Notes</label>
          <textarea id="f-notes" className="input" rows={3} value={form.notes} onChange={(e) => setForm({ ...form, notes: e.target.value })} />
        </div>
        {waiting ? (
          <div className="field wide muted" role="status">
            {waiting}
          </div>
        ) : null}
        {failure ? (
          <div className="field wide">
            <ErrorBox error={failure} />
          </div>
        ) : null}
        <div className="actions field wide">
          <button type="button" className="btn" onClick={onClose}>
            Cancel
          </button>
          <button type="submit" className="btn primary" disabled={saving}>
            {saving ? 'Saving…' : tenant ? 'Save changes' : 'Add tenant'}
          </button>
        </div>
      </form>
    </Dialog>
  );
}
