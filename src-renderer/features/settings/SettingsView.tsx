import { useState } from 'react';
import { POSTMARK_COLORS, PROTECTED_SETTINGS, type Settings } from '../../../src-preload/api/settings';
import { useApi } from '../../app/api-context';
import { useDraft } from '../../app/data/use-draft';
import { useMutation } from '../../app/data/use-mutation';
import { useQuery } from '../../app/data/use-query';
import { ErrorBox } from '../../components/Feedback';
import { BackupsCard } from './BackupsCard';
import { EndpointField } from './EndpointField';
import { ConnectionCheckCard } from './ConnectionCheckCard';
import { Field } from './SettingsFields';
import { DmarcMailboxCard } from './DmarcMailboxCard';
import { SheetsMailCard } from './SheetsMailCard';
import { TokenCard } from './TokenCard';
import { TeamCard } from '../team/TeamCard';
import { HealthSettingsCard } from '../health/HealthSettingsCard';
import { WatchSettingsCard } from '../alerts/WatchSettingsCard';
import { DkimSettingsCard } from '../dkim/DkimSettingsCard';

type Draft = Settings & { dnsServersText: string };
const toDraft = (s: Settings): Draft => ({ ...s, dnsServersText: s.dnsServers.join(', ') });

/** Postmark token (write-only), endpoint and naming, vendor identity and offered options, DNS, sheets, data. */
export function SettingsView() {
  const api = useApi();
  const infoQuery = useQuery(() => api.app.info({}), [api], { refreshOn: ['settings.changed'] });
  // The form's copy starts again from every fresh read (after a save), as the stored settings it compares with.
  const settingsQuery = useQuery(async () => toDraft(await api.settings.get({})), [api]);
  const info = infoQuery.data ?? null;
  const stored = settingsQuery.data ?? null;
  const [draft, setDraft] = useDraft(settingsQuery.data);
  const action = useMutation();
  const error = action.error || settingsQuery.error || infoQuery.error;
  const [saved, setSaved] = useState('');

  const load = () => {
    infoQuery.reload();
    settingsQuery.reload();
  };
  const run = async (what: string, fn: () => Promise<unknown>): Promise<boolean> => {
    setSaved('');
    const ok = await action.run(what, async () => (await fn(), true));
    if (!ok) return false;
    setSaved(what);
    load();
    return true;
  };

  if (!info || !draft || !stored) return <div className="page">{error ? <ErrorBox error={error} /> : <span className="muted">Loading…</span>}</div>;
  const set = (patch: Partial<Draft>) => setDraft({ ...draft, ...patch });
  const { dnsServersText, ...rest } = draft;
  const next: Settings = { ...rest, dnsServers: dnsServersText.split(/[\s,]+/).filter(Boolean) };
  // Only what differs is sent; protected keys (the API URL) change through their own confirmed path.
  const changed = (Object.keys(next) as (keyof Settings)[]).filter(
    (k) => !(PROTECTED_SETTINGS as readonly string[]).includes(k) && JSON.stringify(next[k]) !== JSON.stringify(stored[k]),
  );
  const save = () => void run('settings', () => api.settings.update(Object.fromEntries(changed.map((k) => [k, next[k]]))));
  const text = (key: keyof Settings) => ({
    id: `s-${key}`,
    className: 'input',
    value: String(draft[key] ?? ''),
    onChange: (e: { target: { value: string } }) => set({ [key]: e.target.value } as Partial<Draft>),
  });

  return (
    <div className="page">
      <div className="page-head">
        <h1>Settings</h1>
        {saved && (
          <span className="muted" role="status">
            Saved: {saved}
          </span>
        )}
        <span className="grow" />
        {changed.length > 0 && (
          <span className="muted">
            {changed.length} unsaved change{changed.length > 1 ? 's' : ''}
          </span>
        )}
        <button className="btn" disabled={!changed.length} onClick={() => setDraft(stored)}>
          Discard
        </button>
        <button className="btn primary" disabled={!changed.length} onClick={save}>
          Save settings
        </button>
      </div>
      {error ? <ErrorBox error={error} /> : null}
      <div className="settings-grid">
        <TokenCard info={info} run={run} />
        <ConnectionCheckCard />
        <TeamCard />
        <section className="card">
          <h2>Postmark</h2>
          <div className="form">
            <EndpointField info={info} stored={stored.postmarkEndpoint} onChanged={(what) => (setSaved(what), load())} />
            <Field id="s-serverNamePattern" label="Server name pattern" hint="{slug} becomes the tenant's short name.">
              <input {...text('serverNamePattern')} />
            </Field>
            <Field id="s-serverColor" label="Server colour">
              <select {...text('serverColor')}>
                {POSTMARK_COLORS.map((c) => (
                  <option key={c}>{c}</option>
                ))}
              </select>
            </Field>
            <Field id="s-returnPathLabel" label="Return-Path label" hint="Option 1 bounces go to <label>.<customer domain>.">
              <input {...text('returnPathLabel')} />
            </Field>
          </div>
        </section>
        <section className="card">
          <h2>Vendor</h2>
          <div className="form">
            <Field id="s-vname" label="Vendor name">
              <input {...text('vendorName')} id="s-vname" />
            </Field>
            <Field id="s-vdomain" label="Vendor sending domain">
              <input {...text('vendorDomain')} id="s-vdomain" placeholder="vendor.com" />
            </Field>
            <Field id="s-vendorAddressPattern" label="Option 3 address" hint="Where option-3 mail comes from on the vendor domain.">
              <select {...text('vendorAddressPattern')}>
                <option value="shared">one shared address (info@vendor)</option>
                <option value="per-customer">per customer (acme@vendor)</option>
                <option value="per-customer-subdomain">per customer subdomain (acme@acme.vendor)</option>
              </select>
            </Field>
            <Field id="s-vendorSharedAddress" label="Shared local part">
              <input {...text('vendorSharedAddress')} />
            </Field>
            <div className="field wide">
              <span className="label-like">Options offered to customers</span>
              <div className="toolbar">
                {([1, 2, 3] as const).map((o) => (
                  <label key={o}>
                    <input
                      type="checkbox"
                      checked={draft.offeredOptions.includes(o)}
                      onChange={() =>
                        set({
                          offeredOptions: draft.offeredOptions.includes(o) ? draft.offeredOptions.filter((x) => x !== o) : [...draft.offeredOptions, o].sort(),
                        })
                      }
                    />{' '}
                    option {o}
                  </label>
                ))}
              </div>
            </div>
          </div>
        </section>
        <section className="card">
          <h2>DNS and DMARC</h2>
          <div className="form">
            <Field id="s-dns" label="DNS resolvers" wide hint="host:port, comma separated. Empty = the operating system's resolver.">
              <input
                id="s-dns"
                className="input"
                value={draft.dnsServersText}
                placeholder="1.1.1.1:53, 8.8.8.8:53"
                onChange={(e) => set({ dnsServersText: e.target.value })}
              />
            </Field>
            <Field id="s-dmarcReportMailbox" label="DMARC report mailbox (rua)" wide hint="Suggested in new DMARC records, e.g. mailto:dmarc@vendor.com.">
              <input {...text('dmarcReportMailbox')} />
            </Field>
          </div>
        </section>
        <DmarcMailboxCard />
        <SheetsMailCard draft={draft} set={set} />
        <section className="card">
          <h2>Data</h2>
          <dl className="kv">
            <dt>Door</dt>
            <dd>{info.door}</dd>
            <dt>Data folder</dt>
            <dd className="mono">{info.dataDir}</dd>
            <dt>Ledger</dt>
            <dd className="mono">{info.ledgerFile}</dd>
            <dt>Schema</dt>
            <dd>version {info.schemaVersion}</dd>
            <dt>Tenants</dt>
            <dd>{info.tenantCount.toLocaleString()}</dd>
            <dt>Version</dt>
            <dd>{info.version}</dd>
          </dl>
          {info.door === 'browser-host' && (
            <div className="form">
              <Field id="s-idle" label="Sign out the browser console after (hours idle)" hint="A browser session unused this long must sign in again.">
                <input
                  id="s-idle"
                  className="input"
                  type="number"
                  min={1}
                  max={720}
                  step={1}
                  value={draft.hostSessionIdleHours}
                  onChange={(e) => set({ hostSessionIdleHours: Number(e.target.value) })}
                />
              </Field>
            </div>
          )}
        </section>
        <BackupsCard
          fields={
            <>
              <Field id="s-backupFolder" label="Backup folder" wide hint="A full path; empty = the data folder's backups/.">
                <input {...text('backupFolder')} placeholder={`${info.dataDir}/backups`} />
              </Field>
              <Field id="s-backupInterval" label="Snapshot every (hours)">
                <input
                  id="s-backupInterval"
                  className="input"
                  type="number"
                  min={1}
                  max={720}
                  step={1}
                  value={draft.backupIntervalHours}
                  onChange={(e) => set({ backupIntervalHours: Number(e.target.value) })}
                />
              </Field>
              <Field id="s-backupKeep" label="Snapshots to keep">
                <input
                  id="s-backupKeep"
                  className="input"
                  type="number"
                  min={1}
                  max={1000}
                  step={1}
                  value={draft.backupKeep}
                  onChange={(e) => set({ backupKeep: Number(e.target.value) })}
                />
              </Field>
            </>
          }
        />
        <HealthSettingsCard values={next} onChange={set} />
        <WatchSettingsCard values={next} onChange={set} />
        <DkimSettingsCard values={next} onChange={set} />
      </div>
    </div>
  );
}
