import type { PostmarkGateway } from '../gateway';
import { missingError } from './outbox-errors';
import type { ServerTokenVault } from './types';

/**
 * The server token for sending as a tenant: from the vault, or (first use on this machine, a vault that was
 * reset, a token rotated in Postmark) re-read from Postmark's server record and kept in the vault.
 * Tokens never touch SQLite.
 */
export function createServerTokenSource(deps: { gateway: PostmarkGateway; vault: ServerTokenVault }) {
  return {
    async tokenFor(serverId: number, opts: { refresh?: boolean } = {}): Promise<string> {
      const cached = opts.refresh ? undefined : deps.vault.getServerToken(serverId);
      if (cached) return cached;
      const server = await deps.gateway.getServer(serverId);
      const token = server.ApiTokens?.[0];
      if (!token) throw missingError('server token of server', String(serverId));
      deps.vault.setServerToken(serverId, token);
      return token;
    },
  };
}

export type ServerTokenSource = ReturnType<typeof createServerTokenSource>;
