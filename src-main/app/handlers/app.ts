import type { Services } from '../services';
import type { NamespaceHandlers } from './types';

export function appHandlers(s: Services): NamespaceHandlers<'app'> {
  return {
    info: () => ({
      version: s.version,
      door: s.door,
      dataDir: s.home,
      ledgerFile: s.ledgerFile,
      hasToken: s.vault.hasAccountToken(),
      tokenSource: s.vault.tokenSource(),
      tokenStorage: s.vault.storage,
      postmarkEndpoint: s.postmarkEndpoint(),
      postmarkSimulated: s.postmarkSimulated(),
      schemaVersion: s.schemaVersion(),
      tenantCount: s.tenants.count(),
    }),
  };
}
