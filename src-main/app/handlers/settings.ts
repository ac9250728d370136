import type { Services } from '../services';
import type { NamespaceHandlers } from './types';
import { confirmAndChangeEndpoint } from '../../settings/endpoint-confirm';

export function settingsHandlers(s: Services): NamespaceHandlers<'settings'> {
  return {
    get: () => s.settings.get(),
    update: (patch) => s.settings.update(patch),
    setToken: ({ token }) => {
      s.vault.setAccountToken(token);
      s.bus.emit('settings.changed', {});
      s.postmark.kick(); // queued Postmark work may run now
      return { ok: true as const };
    },
    clearToken: () => {
      s.vault.clearAccountToken();
      s.bus.emit('settings.changed', {});
      return { ok: true as const };
    },
    changeEndpoint: ({ url }) => confirmAndChangeEndpoint(s, url),
  };
}
