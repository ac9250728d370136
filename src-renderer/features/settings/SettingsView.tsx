import { useCallback, useEffect, useState } from 'react';
import type { AppInfo, Settings } from '../../../src-preload/api/settings';
import { useApi, useEvent } from '../../app/api-context';
import { ErrorBox } from '../../components/Feedback';
import { StatusChip } from '../../components/Status';

/** Postmark token (write-only), endpoint, vendor identity, offered options, data location. */
export function SettingsView() {
  const api = useApi();
  const [info, setInfo] = useState<AppInfo | null>(null);
  const [settings, setSettings] = useState<Settings | null>(null);
  const [token, setToken] = useState('');
  const [error, setError] = useState<unknown>(null);
  const [saved, setSaved] = useState('');

  const load = useCallback(() => {
    api.app.info({}).then(setInfo, setError);
    api.settings.get({}).then(setSettings, setError);
  }, [api]);
  useEffect(load, [load]);
  useEvent('settings.changed', load);

  const run = async (what: string, fn: () => Promise<unknown>) => {
    setError(null);
    setSaved('');
    try {
      await fn();
      setSaved(what);
      load();
    } catch (err) {
      setError(err);
    }
  };

  if (!info || !settings) return <div className="page">{error ? <ErrorBox error={error} /> : <span className="muted">Loading…</span>}</div>;
  const set = (patch: Partial<Settings>) => setSettings({ ...settings, ...patch });

  return (
    <div className="page">
      <div className="page-head"><h1>Settings</h1>{saved && <span className="muted" role="status">Saved: {saved}</span>}</div>
      {error ? <ErrorBox error={error} /> : null}
      <div className="grid2">
        <div className="card">
          <h3>Postmark account token</h3>
          <p>
            <StatusChip tone={info.hasToken ? 'ok' : 'warning'} label={info.hasToken ? 'set' : 'not set'} />{' '}
            <span className="muted">{info.tokenSource === 'environment' ? 'from POSTMARK_ACCOUNT_TOKEN' : info.tokenStorage}</span>
          </p>
          <p className="muted" style={{ fontSize: 12 }}>The token stays in Behalf's main process; this screen can replace or clear it but never shows it.</p>
          <form className="toolbar" onSubmit={(e) => (e.preventDefault(), void run('token', () => api.settings.setToken({ token })).then(() => setToken('')))}>
            <input className="input" style={{ flex: 1 }} type="password" autoComplete="off" placeholder="Paste a new account token" aria-label="Account token" value={token} onChange={(e) => setToken(e.target.value)} />
            <button className="btn primary" type="submit" disabled={!token}>Save token</button>
            {info.hasToken && info.tokenSource !== 'environment' && <button className="btn danger" type="button" onClick={() => void run('token cleared', () => api.settings.clearToken({}))}>Clear</button>}
          </form>
        </div>
        <div className="card">
          <h3>Postmark endpoint</h3>
          <div className="field">
            <label htmlFor="s-endpoint">API URL (empty = https://api.postmarkapp.com)</label>
            <input id="s-endpoint" className="input" value={settings.postmarkEndpoint} onChange={(e) => set({ postmarkEndpoint: e.target.value })} />
          </div>
          <p className="muted" style={{ fontSize: 12 }}>In use: <code>{info.postmarkEndpoint}</code>{info.postmarkSimulated && ' (simulated Postmark)'}. BEHALF_POSTMARK_URL overrides this setting.</p>
        </div>
        <div className="card">
          <h3>Vendor</h3>
          <div className="form">
            <div className="field"><label htmlFor="s-vname">Vendor name</label><input id="s-vname" className="input" value={settings.vendorName} onChange={(e) => set({ vendorName: e.target.value })} /></div>
            <div className="field"><label htmlFor="s-vdomain">Vendor sending domain</label><input id="s-vdomain" className="input" value={settings.vendorDomain} placeholder="vendor.com" onChange={(e) => set({ vendorDomain: e.target.value })} /></div>
            <div className="field wide">
              <label>Options offered to customers</label>
              <div className="toolbar">
                {([1, 2, 3] as const).map((o) => (
                  <label key={o}><input type="checkbox" checked={settings.offeredOptions.includes(o)} onChange={() => set({ offeredOptions: settings.offeredOptions.includes(o) ? settings.offeredOptions.filter((x) => x !== o) : [...settings.offeredOptions, o].sort() })} /> option {o}</label>
                ))}
              </div>
            </div>
          </div>
        </div>
        <div className="card">
          <h3>Sheets by email</h3>
          <p className="muted" style={{ fontSize: 12 }}>DNS sheets sent to a customer&apos;s teammate go out through the vendor&apos;s own Postmark server (not a tenant&apos;s), from an address on the vendor&apos;s verified domain.</p>
          <div className="form">
            <div className="field wide"><label htmlFor="s-sheets-server">Server for sheets (Postmark server ID)</label><input id="s-sheets-server" className="input" type="number" min={1} step={1} placeholder="e.g. 1234567" value={settings.sheetsServerId ?? ''} onChange={(e) => set({ sheetsServerId: e.target.value.trim() === '' ? null : Number(e.target.value) })} /></div>
            <div className="field wide"><label htmlFor="s-sheets-from">From address for sheets</label><input id="s-sheets-from" className="input" type="email" placeholder={`dns-help@${settings.vendorDomain || 'vendor.com'}`} value={settings.sheetsFromAddress} onChange={(e) => set({ sheetsFromAddress: e.target.value })} /></div>
          </div>
        </div>
        <div className="card">
          <h3>Data</h3>
          <dl className="kv">
            <dt>Door</dt><dd>{info.door}</dd>
            <dt>Data folder</dt><dd className="mono">{info.dataDir}</dd>
            <dt>Ledger</dt><dd className="mono">{info.ledgerFile}</dd>
            <dt>Schema</dt><dd>version {info.schemaVersion}</dd>
            <dt>Tenants</dt><dd>{info.tenantCount.toLocaleString()}</dd>
            <dt>Version</dt><dd>{info.version}</dd>
          </dl>
        </div>
      </div>
      <div><button className="btn primary" onClick={() => void run('settings', () => api.settings.update({ postmarkEndpoint: settings.postmarkEndpoint, vendorName: settings.vendorName, vendorDomain: settings.vendorDomain, offeredOptions: settings.offeredOptions, sheetsServerId: settings.sheetsServerId, sheetsFromAddress: settings.sheetsFromAddress }))}>Save settings</button></div>
    </div>
  );
}
