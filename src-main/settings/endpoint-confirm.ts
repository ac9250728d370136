import { BehalfError } from '../../src-preload/api/errors';
import { checkSecretEndpoint, DEFAULT_POSTMARK_ENDPOINT } from '../postmark/endpoint';
import type { ConfirmInMain } from '../core/confirm-in-main';
import type { SecretVault } from '../secrets/vault';
import { changePostmarkEndpoint } from './postmark-endpoint';
import type { SettingsService } from './settings-service';

interface Deps {
  settings: SettingsService;
  vault: SecretVault;
  confirmInMain?: ConfirmInMain;
}

/**
 * The contract's way to change the Postmark API URL: only with a confirmation main obtains itself (the Electron
 * dialog). A door without one (the browser host) is told to use the terminal, where the person is.
 */
export async function confirmAndChangeEndpoint(deps: Deps, raw: string): Promise<{ changed: boolean; endpoint: string; tokensCleared: boolean }> {
  const target = raw.trim() === '' ? '' : checkSecretEndpoint(raw);
  if (target === deps.settings.get().postmarkEndpoint) return { changed: false, endpoint: target, tokensCleared: false };
  if (!deps.confirmInMain) {
    throw new BehalfError(
      'settings.confirm-in-terminal',
      'The Postmark API URL decides where your tokens are sent, so the browser console cannot change it.',
      `In a terminal on this machine run: behalf settings endpoint ${target || '--default'}  (it clears the stored tokens; enter them again afterwards).`,
    );
  }
  const ok = await deps.confirmInMain({
    title: 'Change the Postmark API URL',
    message: `Send Postmark requests to ${target || DEFAULT_POSTMARK_ENDPOINT}?`,
    detail:
      'Your account token and every server token will be removed from this computer: you enter the account token again for the new URL. Only do this for a proxy or test server you trust.',
    confirmLabel: 'Change and clear tokens',
  });
  if (!ok) throw new BehalfError('settings.cancelled', 'The Postmark API URL was not changed.', 'Nothing changed; your tokens are kept.');
  const change = changePostmarkEndpoint(deps, target);
  return { changed: true, endpoint: change.endpoint, tokensCleared: change.tokensCleared };
}
