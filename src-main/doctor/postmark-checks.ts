import type { DoctorLine } from '../../src-preload/api/doctor';
import { isPostmarkGatewayError } from '../postmark/errors';
import type { PostmarkGateway } from '../postmark/gateway';
import { HINTS } from '../postmark/hints';

export interface PostmarkCheckDeps {
  endpoint: () => string;
  gateway: PostmarkGateway;
  hasAccountToken: () => boolean;
  /** Every server linked in the ledger, with whether the vault holds its token (never the token itself here). */
  servers: () => Array<{ id: number; name: string; token: string | undefined }>;
  /** The latest test-send refusal with ErrorCode 412 (account pending approval), if any. */
  lastApprovalRefusal: () => { at: string; address: string } | undefined;
  fetch?: typeof fetch;
  timeoutMs?: number;
}

const line = (check: string, label: string, verdict: DoctorLine['verdict'], detail: string, fix = ''): DoctorLine => ({ check, label, verdict, detail, fix });

/**
 * Is the configured URL Postmark? Asks an account route without a token: Postmark answers 401 with its JSON
 * error body (ErrorCode 10); a proxy or a wrong URL answers something else (an HTML 404, a redirect).
 */
export async function checkEndpoint(deps: PostmarkCheckDeps): Promise<DoctorLine> {
  const label = 'Postmark API URL';
  const base = deps.endpoint().replace(/\/+$/, '');
  let res: Response;
  try {
    res = await (deps.fetch ?? fetch)(`${base}/servers?count=1&offset=0`, {
      headers: { Accept: 'application/json' },
      redirect: 'manual',
      signal: AbortSignal.timeout(deps.timeoutMs ?? 8_000),
    });
  } catch (err) {
    const why = err instanceof Error && err.name === 'TimeoutError' ? 'did not answer in time' : 'could not be reached';
    return line('postmark.endpoint', label, 'fail', `${base} ${why}.`, HINTS.offline);
  }
  const body = (await res.json().catch(() => undefined)) as { ErrorCode?: unknown } | undefined;
  if (typeof body?.ErrorCode === 'number')
    return line('postmark.endpoint', label, 'ok', `${base} answers like Postmark (HTTP ${res.status}, ErrorCode ${body.ErrorCode} without a token).`);
  return line(
    'postmark.endpoint',
    label,
    'fail',
    `${base} answered HTTP ${res.status} with ${res.headers.get('content-type') ?? 'no content type'}: that is not Postmark (a proxy page or a wrong URL).`,
    HINTS.endpoint,
  );
}

/** The account token, by listing one page of servers (read-only). */
export async function checkAccountToken(deps: PostmarkCheckDeps): Promise<DoctorLine> {
  const label = 'Postmark account token';
  if (!deps.hasAccountToken())
    return line('postmark.account-token', label, 'warn', 'No account token is set: nothing can be provisioned or sent.', HINTS.accountToken);
  try {
    const servers = await deps.gateway.listAllServers();
    return line('postmark.account-token', label, 'ok', `Accepted; the account has ${servers.length} server(s).`);
  } catch (err) {
    return failed('postmark.account-token', label, err);
  }
}

/** Each stored server token, by one read of that server's outbound messages (read-only, count 1). */
export async function checkServerTokens(deps: PostmarkCheckDeps): Promise<DoctorLine[]> {
  const out: DoctorLine[] = [];
  for (const s of deps.servers()) {
    const label = `Server token of ${s.name} (${s.id})`;
    if (!s.token) {
      out.push(
        line(
          `postmark.server-token.${s.id}`,
          label,
          'warn',
          'Not stored on this machine.',
          'Behalf re-reads it with the account token on first use; `behalf sync` fetches it now.',
        ),
      );
      continue;
    }
    try {
      await deps.gateway.getOutboundMessages(s.token, { count: 1 });
      out.push(line(`postmark.server-token.${s.id}`, label, 'ok', 'Accepted.'));
    } catch (err) {
      out.push(failed(`postmark.server-token.${s.id}`, label, err));
    }
  }
  return out;
}

/**
 * Postmark has no API that says whether an account is approved; the one sign is ErrorCode 412 on a send to an
 * address outside the account's own domains. So the ledger's latest 412 decides this line.
 */
export function checkApproval(deps: PostmarkCheckDeps): DoctorLine {
  const label = 'Postmark account approval';
  const refusal = deps.lastApprovalRefusal();
  if (refusal) {
    return line(
      'postmark.approval',
      label,
      'warn',
      `Pending approval: a test send to ${refusal.address} was refused with ErrorCode 412 at ${refusal.at}. Until Postmark approves the account it only delivers to addresses at the account's own domains.`,
      'Finish account approval in Postmark (Account → request approval); meanwhile test with seed inboxes on your own verified domains.',
    );
  }
  return line(
    'postmark.approval',
    label,
    'ok',
    'No sign of a pending approval (no test send was refused with ErrorCode 412). Postmark has no API to ask this directly.',
  );
}

function failed(check: string, label: string, err: unknown): DoctorLine {
  if (!isPostmarkGatewayError(err))
    return line(check, label, 'fail', err instanceof Error ? err.message : String(err), 'This is a bug in Behalf: please report it.');
  const verdict = err.code === 'postmark.rate-limited' || err.code === 'postmark.unavailable' ? 'warn' : 'fail';
  return line(check, label, verdict, err.message, err.hint ?? '');
}
