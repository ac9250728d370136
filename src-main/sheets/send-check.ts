import { vendorGapsText, vendorIdentityGaps, type Settings } from '../../src-preload/api/settings';
import { isPostmarkGatewayError } from '../postmark/errors';
import type { PostmarkGateway } from '../postmark/gateway';

export type StepState = 'ok' | 'failing' | 'unknown';
export interface SendCheckStep {
  id: 'vendor' | 'token' | 'server' | 'from';
  state: StepState;
  label: string;
  detail: string;
  hint?: string;
}
export interface SendCheck {
  ready: boolean;
  steps: SendCheckStep[];
  /** The account's servers, for the picker in Settings (empty when Postmark could not be asked). */
  servers: { id: number; name: string }[];
  serverId: number | null;
  from: string;
}

export interface SendCheckDeps {
  settings: { get(): Settings };
  gateway: () => PostmarkGateway;
  vault: { hasAccountToken(): boolean };
}

const domainOf = (address: string) => address.slice(address.lastIndexOf('@') + 1).toLowerCase();
const why = (err: unknown) => (isPostmarkGatewayError(err) || err instanceof Error ? err.message : String(err));

/**
 * The preflight of "email the sheet": run before the dialog opens, so a person learns what is missing before
 * typing anything, and each step says how to fix it. Postmark only answers whether the From is sendable per
 * account (domains and sender signatures belong to the account, not to a server), which is what is asked.
 */
export async function checkSheetSending(deps: SendCheckDeps): Promise<SendCheck> {
  const s = deps.settings.get();
  const steps: SendCheckStep[] = [];
  const gaps = vendorIdentityGaps(s);
  steps.push(
    gaps.length === 0
      ? { id: 'vendor', state: 'ok', label: 'The vendor is named', detail: `${s.vendorName} (${s.vendorDomain})` }
      : {
          id: 'vendor',
          state: 'failing',
          label: 'The vendor is named',
          detail: `Not yet: ${vendorGapsText(gaps)}.`,
          hint: 'Set the vendor name and sending domain in Settings → Vendor.',
        },
  );
  const base = { ready: false, servers: [] as SendCheck['servers'], serverId: s.sheetsServerId, from: s.sheetsFromAddress };
  if (!deps.vault.hasAccountToken()) {
    steps.push({
      id: 'token',
      state: 'failing',
      label: 'Behalf can reach the Postmark account',
      detail: 'No account token is set.',
      hint: 'Set the Postmark account token in Settings (Account → API Tokens in Postmark).',
    });
    return { ...base, steps };
  }
  const gw = deps.gateway();
  let servers: SendCheck['servers'] = [];
  try {
    servers = (await gw.listAllServers()).map((x) => ({ id: x.ID, name: x.Name }));
  } catch (err) {
    steps.push({
      id: 'token',
      state: 'unknown',
      label: 'Behalf can reach the Postmark account',
      detail: `Postmark did not answer: ${why(err)}`,
      hint: 'Check the token and the network, then try again.',
    });
    return { ...base, steps };
  }
  const chosen = servers.find((x) => x.id === s.sheetsServerId);
  steps.push(
    s.sheetsServerId === null
      ? {
          id: 'server',
          state: 'failing',
          label: 'A server of the vendor sends the sheets',
          detail: 'No server is chosen.',
          hint: "Pick the vendor's own server in Settings → Sheets by email.",
        }
      : chosen
        ? { id: 'server', state: 'ok', label: 'A server of the vendor sends the sheets', detail: `${chosen.name} (ID ${chosen.id})` }
        : {
            id: 'server',
            state: 'failing',
            label: 'A server of the vendor sends the sheets',
            detail: `The account has no server ${s.sheetsServerId}.`,
            hint: "Pick one of the account's servers in Settings → Sheets by email.",
          },
  );
  steps.push(await fromStep(gw, s));
  return { ...base, servers, steps, ready: steps.every((x) => x.state === 'ok') };
}

async function fromStep(gw: PostmarkGateway, s: Settings): Promise<SendCheckStep> {
  const label = 'Postmark accepts the From address';
  const from = s.sheetsFromAddress;
  const suggestion = `dns-help@${s.vendorDomain || 'your-domain'}`;
  if (!from)
    return {
      id: 'from',
      state: 'failing',
      label,
      detail: 'No From address is set.',
      hint: `Enter one on the vendor's verified domain in Settings → Sheets by email, e.g. ${suggestion}.`,
    };
  try {
    const domain = domainOf(from);
    const d = (await gw.listAllDomains()).find((x) => x.Name.toLowerCase() === domain);
    if (d?.DKIMVerified) return { id: 'from', state: 'ok', label, detail: `${from} is on ${domain}, verified in Postmark (DKIM).` };
    const sig = (await gw.listAllSenders()).find((x) => x.EmailAddress.toLowerCase() === from.toLowerCase());
    if (sig?.Confirmed) return { id: 'from', state: 'ok', label, detail: `${from} is a confirmed sender signature.` };
    if (d)
      return {
        id: 'from',
        state: 'failing',
        label,
        detail: `${domain} is in Postmark but its DKIM is not verified yet.`,
        hint: `Publish ${domain}'s DKIM record (Postmark → Sender Signatures → ${domain} → DNS settings), check it with \`behalf check --domain ${domain}\`, then press Verify in Postmark.`,
      };
    if (sig)
      return {
        id: 'from',
        state: 'failing',
        label,
        detail: `${from} is a sender signature that is not confirmed yet (Postmark would answer ErrorCode 401).`,
        hint: `Click the link Postmark mailed to ${from}, or resend it from Postmark → Sender Signatures.`,
      };
    return {
      id: 'from',
      state: 'failing',
      label,
      detail: `${from} is neither on a verified domain nor a confirmed sender signature (Postmark would answer ErrorCode 400).`,
      hint: `In Postmark → Sender Signatures → Add Domain, add ${domain}, publish its DKIM and Return-Path records, verify, then send again.`,
    };
  } catch (err) {
    return { id: 'from', state: 'unknown', label, detail: `Postmark did not answer: ${why(err)}`, hint: 'Try again in a moment.' };
  }
}
