import { useEffect } from 'react';
import { TeamLine } from '../features/team/TeamLine';
import { notifyRaised } from '../features/alerts/notify';
import { CommandPalette } from '../components/CommandPalette';
import { ConnectionBanner } from '../components/ConnectionBanner';
import { errorText } from '../components/Feedback';
import { TenantsView } from '../features/tenants/TenantsView';
import { useApi, useEvent } from './api-context';
import {
  AlertsView,
  AreaFrame,
  DkimView,
  DmarcView,
  DnsChecksView,
  HealthView,
  OptionsView,
  prefetchAreas,
  ProvisioningView,
  SeedsView,
  SettingsView,
  SheetsView,
  TenantDetail,
} from './areas';
import { useQuery } from './data/use-query';
import { RecoveryGate } from './Recovery';
import { navigate, useRoute } from './router';
import { SignedOut, SignOutButton, useSignedIn } from './SignedOut';

const NAV = [
  { id: 'tenants', label: 'Tenants', key: '1' },
  { id: 'options', label: 'Options', key: '2' },
  { id: 'provisioning', label: 'Provisioning', key: '3' },
  { id: 'dns', label: 'DNS checks', key: '4' },
  { id: 'sheets', label: 'Sheets', key: '5' },
  { id: 'sends', label: 'Test sends', key: '6' },
  { id: 'dmarc', label: 'DMARC', key: '7' },
  { id: 'health', label: 'Health', key: '8' },
  // Every Alt digit is taken: DKIM keys is reached by the sidebar, the command palette or a link.
  { id: 'dkim', label: 'DKIM keys', key: '' },
  { id: 'settings', label: 'Settings', key: '9' },
  { id: 'alerts', label: 'Alerts', key: '0' },
] as const;

export function App() {
  return useSignedIn() ? (
    <RecoveryGate>
      <Console />
    </RecoveryGate>
  ) : (
    <SignedOut />
  );
}

function Console() {
  const route = useRoute();
  const api = useApi();
  const infoQuery = useQuery(() => api.app.info({}), [api]);
  const info = infoQuery.data ?? null;
  const area = route[0] ?? 'tenants';
  useEvent('settings.changed', infoQuery.reload);
  // The sidebar's unread count follows every round, acknowledge and snooze.
  const alertsQuery = useQuery(() => api.alerts.list({ includeAcknowledged: false }), [api]);
  useEvent('alerts.changed', (e) => (alertsQuery.reload(), notifyRaised(e)));
  const unread = alertsQuery.data?.unread ?? 0;

  // Alt+1…9 jumps between areas from anywhere.
  useEffect(() => {
    const onKey = (e: KeyboardEvent) => {
      const item = e.altKey ? NAV.find((n) => n.key !== '' && n.key === e.key) : undefined;
      if (item) {
        e.preventDefault();
        navigate(item.id);
      }
    };
    window.addEventListener('keydown', onKey);
    return () => window.removeEventListener('keydown', onKey);
  }, []);
  useEffect(prefetchAreas, []);

  let page;
  if (area === 'tenants' && route[1]) page = <TenantDetail id={route[1]} tab={route[2] ?? 'overview'} />;
  else if (area === 'settings') page = <SettingsView />;
  else if (area === 'dmarc') page = <DmarcView domain={route[1]} />;
  else if (area === 'health') page = <HealthView />;
  else if (area === 'dkim') page = <DkimView />;
  else if (area === 'alerts') page = <AlertsView />;
  else if (area === 'dns') page = <DnsChecksView />;
  else if (area === 'sheets') page = <SheetsView />;
  else if (area === 'options') page = <OptionsView />;
  else if (area === 'provisioning') page = <ProvisioningView />;
  else if (area === 'sends') page = <SeedsView />;
  else page = <TenantsView />;

  return (
    <div className="shell">
      <nav className="sidebar" aria-label="Areas">
        <div className="brand">
          Behalf<small>sending on behalf of customers</small>
        </div>
        {NAV.map((n) => (
          <a key={n.id} href={`#/${n.id}`} className="nav-item" aria-current={area === n.id ? 'page' : undefined}>
            {n.label}
            {n.id === 'alerts' && unread > 0 && (
              <span className="unread-count" data-testid="alerts-unread-count" aria-label={`${unread} unread`}>
                {unread}
              </span>
            )}
            {n.key && <span className="kbd">Alt {n.key}</span>}
          </a>
        ))}
        <div className="spacer" />
        <TeamLine />
        <div className="foot">
          {info ? (
            <>
              {info.door === 'electron' ? 'Desktop app' : 'Browser host'} · v{info.version}
              <br />
              Postmark token: {info.hasToken ? 'set' : 'not set'}
            </>
          ) : infoQuery.error ? null : (
            '…'
          )}
          {infoQuery.error ? (
            <div className="error-text" role="alert">
              App details not read: {errorText(infoQuery.error)}
            </div>
          ) : null}
          <div>
            <SignOutButton />
          </div>
        </div>
      </nav>
      <main className="main">
        {info?.postmarkSimulated && (
          <div className="banner info" role="note">
            Postmark is simulated: nothing here reaches a real Postmark account.
          </div>
        )}
        <ConnectionBanner contextual={area === 'provisioning' || (area === 'tenants' && route[2] === 'postmark')} />
        <AreaFrame key={area}>{page}</AreaFrame>
      </main>
      <CommandPalette />
    </div>
  );
}
