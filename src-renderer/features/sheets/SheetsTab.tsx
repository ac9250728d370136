import { useEffect, useState } from 'react';
import { vendorGapsText, vendorIdentityGaps } from '../../../src-preload/api/settings';
import type { SheetPreview as Preview, SheetSendCheck } from '../../../src-preload/api/sheets';
import type { Tenant } from '../../../src-preload/api/tenants';
import { useApi, useClient, useEvent } from '../../app/api-context';
import { ApiError } from '../../app/client';
import { useMutation } from '../../app/data/use-mutation';
import { useQuery } from '../../app/data/use-query';
import { EmptyState, ErrorBox, GuardNote } from '../../components/Feedback';
import { SheetPreview } from './SheetPreview';
import { deliverExport } from './download';
import { SendDialog } from './SendDialog';

type ProviderId = Preview['providers'][number]['id'];
type Format = 'pdf' | 'html' | 'md' | 'csv' | 'zone';

const EXPORTS: { label: string; format: Format; paper?: 'a4' | 'letter' }[] = [
  { label: 'PDF (A4)', format: 'pdf', paper: 'a4' },
  { label: 'PDF (Letter)', format: 'pdf', paper: 'letter' },
  { label: 'HTML', format: 'html' },
  { label: 'Markdown', format: 'md' },
  { label: 'CSV', format: 'csv' },
  { label: 'Zone file', format: 'zone' },
];

const SOURCE_LABEL = { given: 'chosen by hand', detected: 'from its name servers', fallback: 'not detected' } as const;

/** Tenant detail → Sheets: the instruction sheet as the customer will see it, copyable, and exportable. */
export function SheetsTab({ tenant }: { tenant: Tenant }) {
  const api = useApi();
  const electron = useClient().kind === 'electron';
  const [provider, setProvider] = useState<ProviderId | undefined>(undefined);
  const [auto, setAuto] = useState<Preview | null>(null);
  const action = useMutation();
  const busy = action.busy;
  const [done, setDone] = useState('');
  const [sending, setSending] = useState<SheetSendCheck | null>(null);
  const settingsQuery = useQuery(() => api.settings.get({}), [api]);
  const settings = settingsQuery.data ?? null;
  useEvent('settings.changed', settingsQuery.reload);

  // Read again when the tenant changes (option, domain): its sheet changes with it.
  const previewQuery = useQuery(
    async () => ({ provider, preview: await api.sheets.preview({ id: tenant.id, ...(provider ? { provider } : {}) }) }),
    [api, tenant.id, provider, tenant.updatedAt],
  );
  const preview = previewQuery.data?.preview ?? null;
  // The auto-detected provider's name stays in the picker's first option while another provider is shown.
  useEffect(() => {
    if (previewQuery.data && !previewQuery.data.provider) setAuto(previewQuery.data.preview);
  }, [previewQuery.data]);
  const error = action.error || previewQuery.error;

  const exportAs = async (e: (typeof EXPORTS)[number]) => {
    if (!preview) return;
    setDone('');
    await action.run(e.label, async () => {
      // The provider shown is the one exported, even when it was auto-detected (no second detection).
      const r = await api.sheets.export({ id: tenant.id, format: e.format, provider: preview.sheet.provider.id, ...(e.paper ? { paper: e.paper } : {}) });
      setDone(await deliverExport(api, electron, r));
    });
  };

  // The preflight runs before the dialog opens: what is missing shows at once, not after typing and Send.
  const openSend = async () => {
    if (busy) return;
    const check = await action.run('send', () => api.sheets.sendCheck({}));
    if (check) setSending(check);
  };

  if (error && !preview) return <SheetError error={error} tenant={tenant} />;
  if (!preview) return <div className="muted">Building the sheet…</div>;
  const gaps = settings ? vendorIdentityGaps(settings) : [];
  const held = gaps.length > 0 ? `Held back until the vendor is named: ${vendorGapsText(gaps)}.` : undefined;
  const contact = tenant.contactName.trim() || 'the IT contact';
  const autoLabel = auto ? `Auto: ${auto.sheet.provider.name} (${SOURCE_LABEL[auto.providerSource]})` : 'Auto-detect';

  return (
    <div className="sheets-tab">
      <div className="card sheets-toolbar">
        <div className="toolbar">
          <label htmlFor="sheet-provider" className="muted">
            DNS provider
          </label>
          <select
            id="sheet-provider"
            className="input"
            value={provider ?? ''}
            onChange={(e) => setProvider((e.target.value || undefined) as ProviderId | undefined)}
          >
            <option value="">{autoLabel}</option>
            {preview.providers.map((p) => (
              <option key={p.id} value={p.id}>
                {p.name}
              </option>
            ))}
          </select>
          <span className="sep" />
          <span className="muted">Export</span>
          {EXPORTS.map((e) => (
            <button
              key={e.label}
              className="btn"
              disabled={busy !== null || held !== undefined}
              onClick={() => void exportAs(e)}
              title={held ?? (electron ? `Save the sheet as ${e.label}` : `Download the sheet as ${e.label}`)}
            >
              {busy === e.label ? 'Preparing…' : e.label}
            </button>
          ))}
          <span className="sep" />
          {/* Not disabled while the preflight runs: a disabled button drops focus, and the dialog returns focus here. */}
          <button
            className="btn"
            disabled={(busy !== null && busy !== 'send') || held !== undefined}
            aria-busy={busy === 'send'}
            onClick={() => void openSend()}
            title={held ?? `Email this sheet (HTML body, PDF attached) to ${tenant.contactEmail || contact} through the vendor's Postmark server`}
          >
            {busy === 'send' ? 'Checking…' : `Email to ${contact}…`}
          </button>
        </div>
        {done && (
          <div className="muted small" role="status">
            {done}
          </div>
        )}
      </div>
      {held && <GuardNote>The sheet speaks for the vendor, so it cannot be exported or emailed yet: {vendorGapsText(gaps)}.</GuardNote>}
      {sending && <SendDialog tenant={tenant} provider={preview.sheet.provider.id} check={sending} onClose={() => setSending(null)} />}
      {error ? <SheetError error={error} tenant={tenant} /> : null}
      {settingsQuery.error ? <ErrorBox error={settingsQuery.error} /> : null}
      {preview.sheet.records.length === 0 && preview.sheet.option === 1 ? (
        <EmptyState title="No records to hand over">Postmark has not given records for {tenant.domain} yet.</EmptyState>
      ) : null}
      <SheetPreview sheet={preview.sheet} />
    </div>
  );
}

/** An unprovisioned domain has no sheet: the way forward is the tenant's own Postmark tab, one click away. */
function SheetError({ error, tenant }: { error: unknown; tenant: Tenant }) {
  const unprovisioned = error instanceof ApiError && error.code === 'sheet.domain-not-provisioned';
  return (
    <>
      <ErrorBox error={error} />
      {unprovisioned && (
        <p>
          <a className="btn primary" href={`#/tenants/${encodeURIComponent(tenant.id)}/postmark`}>
            Open {tenant.name}&apos;s Postmark tab to provision
          </a>
        </p>
      )}
    </>
  );
}
