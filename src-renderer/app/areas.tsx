import { Component, lazy, Suspense, type ComponentType, type ReactNode } from 'react';

/**
 * Every area but the tenants list is its own chunk, loaded when first opened (issue #17, P5). The console starts on
 * the tenants list; running every screen's code and building the zod schemas of their contract modules held its
 * first paint: the bundle's top level took ~230 ms in Chromium here, the tenants list's own ~80 ms. Once the first
 * screen is up, the other chunks are fetched in idle time, so opening an area later does not wait for them.
 */
const loaders = {
  TenantDetail: () => import('../features/tenants/TenantDetail').then((m) => m.TenantDetail),
  SettingsView: () => import('../features/settings/SettingsView').then((m) => m.SettingsView),
  DmarcView: () => import('../features/dmarc/DmarcView').then((m) => m.DmarcView),
  HealthView: () => import('../features/health/HealthView').then((m) => m.HealthView),
  DkimView: () => import('../features/dkim/DkimView').then((m) => m.DkimView),
  AlertsView: () => import('../features/alerts/AlertsView').then((m) => m.AlertsView),
  DnsChecksView: () => import('../features/dns/DnsChecksView').then((m) => m.DnsChecksView),
  SheetsView: () => import('../features/sheets/SheetsView').then((m) => m.SheetsView),
  OptionsView: () => import('../features/options/OptionsView').then((m) => m.OptionsView),
  ProvisioningView: () => import('../features/postmark/ProvisioningView').then((m) => m.ProvisioningView),
  SeedsView: () => import('../features/sends/SeedsView').then((m) => m.SeedsView),
};

function lazyArea<P extends object>(load: () => Promise<ComponentType<P>>) {
  return lazy(async () => ({ default: await load() }));
}

export const TenantDetail = lazyArea(loaders.TenantDetail);
export const SettingsView = lazyArea(loaders.SettingsView);
export const DmarcView = lazyArea(loaders.DmarcView);
export const HealthView = lazyArea(loaders.HealthView);
export const DkimView = lazyArea(loaders.DkimView);
export const AlertsView = lazyArea(loaders.AlertsView);
export const DnsChecksView = lazyArea(loaders.DnsChecksView);
export const SheetsView = lazyArea(loaders.SheetsView);
export const OptionsView = lazyArea(loaders.OptionsView);
export const ProvisioningView = lazyArea(loaders.ProvisioningView);
export const SeedsView = lazyArea(loaders.SeedsView);

/** The first screen's own calls and paint come first; the other areas' chunks are fetched after this long. */
const PREFETCH_AFTER_MS = 1500;
let prefetched = false;
/** `run` at the page's next idle moment. */
const idle = (run: () => void) => () =>
  typeof window.requestIdleCallback === 'function' ? void window.requestIdleCallback(run, { timeout: 5000 }) : void setTimeout(run, 100);

/**
 * Fetches every other area's chunk, one per idle moment (once). All at once, their code ran in one ~400 ms task, long
 * enough to hold up a key pressed meanwhile. A failure here only means that area loads when opened.
 */
export function prefetchAreas(): void {
  if (prefetched) return;
  prefetched = true;
  const queue = Object.values(loaders);
  const next = () => {
    const load = queue.shift();
    if (load) void load().then(idle(next), idle(next));
  };
  setTimeout(idle(next), PREFETCH_AFTER_MS);
}

/** An area while its chunk loads, and what to do when it cannot (a browser host restarted on a newer build). */
export function AreaFrame({ children }: { children: ReactNode }) {
  return (
    <AreaBoundary>
      <Suspense
        fallback={
          <p className="muted" role="status" data-testid="area-loading">
            Loading…
          </p>
        }
      >
        {children}
      </Suspense>
    </AreaBoundary>
  );
}

class AreaBoundary extends Component<{ children: ReactNode }, { error: unknown }> {
  override state: { error: unknown } = { error: null };
  static getDerivedStateFromError(error: unknown) {
    return { error };
  }
  override render() {
    if (!this.state.error) return this.props.children;
    return (
      <div className="error-box" role="alert">
        <div>This screen could not be loaded: {this.state.error instanceof Error ? this.state.error.message : String(this.state.error)}</div>
        <div className="hint">Reload the page to try again (the console may have been updated since it was opened).</div>
        <div>
          <button className="btn small" onClick={() => window.location.reload()}>
            Reload
          </button>
        </div>
      </div>
    );
  }
}
