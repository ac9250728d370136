import type { IncomingMessage } from 'node:http';
import type { Auth } from './router';
import { SimError } from './sim-error';
import type { SimServer, SimState } from './state';

/**
 * Postmark's two token kinds. A missing, unknown or wrong-kind token is HTTP 401 with ErrorCode 10.
 * Messages never repeat the token that was sent.
 */
export function authenticate(req: IncomingMessage, auth: Auth, state: SimState, accountToken: string): SimServer | undefined {
  const account = header(req, 'x-postmark-account-token');
  const server = header(req, 'x-postmark-server-token');
  const isServerToken = (t: string) => state.servers.some((s) => s.ApiTokens.includes(t));
  if (auth === 'account') {
    if (account === accountToken) return undefined;
    if ((account && isServerToken(account)) || (!account && server)) {
      throw unauthorized('This endpoint needs an Account API token in the X-Postmark-Account-Token header, not a Server token.');
    }
    throw unauthorized("The 'X-Postmark-Account-Token' header is missing or the token is not valid.");
  }
  const owner = server ? state.servers.find((s) => s.ApiTokens.includes(server)) : undefined;
  if (owner) return owner;
  if ((server && server === accountToken) || (!server && account)) {
    throw unauthorized('This endpoint needs a Server API token in the X-Postmark-Server-Token header, not an Account token.');
  }
  throw unauthorized("The 'X-Postmark-Server-Token' header is missing or the token is not valid.");
}

function unauthorized(message: string): SimError {
  return new SimError(401, 10, message);
}

function header(req: IncomingMessage, name: string): string | undefined {
  const raw = req.headers[name];
  const value = Array.isArray(raw) ? raw[0] : raw;
  const trimmed = value?.trim();
  return trimmed ? trimmed : undefined;
}
