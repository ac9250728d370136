import type { DoctorLine, DoctorReport } from '../../src-preload/api/doctor';
import { BehalfError } from '../../src-preload/api/errors';
import { createDnsSession } from '../dns/resolver';
import { migrations } from '../ledger/migrations';
import type { Db } from '../ledger/open';
import { createPostmarkGateway } from '../postmark';
import { checkDisk, checkDns, checkLedger } from './local-checks';
import { checkAccountToken, checkApproval, checkEndpoint, checkServerTokens, type PostmarkCheckDeps } from './postmark-checks';

export interface DoctorDeps {
  db: Db;
  ledgerFile: string;
  home: string;
  endpoint: () => string;
  accountToken: () => string | undefined;
  servers: PostmarkCheckDeps['servers'];
  lastApprovalRefusal: PostmarkCheckDeps['lastApprovalRefusal'];
  dmarc: { configured: () => boolean; record: () => Promise<{ domain: string }> };
  dnsServers: () => string[] | undefined;
  now?: () => Date;
  timeoutSeconds?: number;
}

/**
 * Everything `behalf doctor` checks, in the order a person would fix things: can Behalf reach Postmark at all,
 * are the tokens good, the account's state, then the machine (DNS, ledger, disk). Read-only throughout: no
 * call writes to Postmark, none retries (a doctor should answer in seconds, not back off for minutes).
 */
export function createDoctor(deps: DoctorDeps) {
  return {
    async run(): Promise<DoctorReport> {
      const gateway = createPostmarkGateway({
        accountToken: deps.accountToken,
        endpoint: deps.endpoint(),
        timeoutSeconds: deps.timeoutSeconds ?? 8,
        retry: { attempts: 1, baseMs: 0, maxMs: 0 },
      });
      const pm: PostmarkCheckDeps = {
        endpoint: deps.endpoint,
        gateway,
        hasAccountToken: () => (deps.accountToken() ?? '').trim() !== '',
        servers: deps.servers,
        lastApprovalRefusal: deps.lastApprovalRefusal,
        timeoutMs: (deps.timeoutSeconds ?? 8) * 1000,
      };
      const lines: DoctorLine[] = [await checkEndpoint(pm)];
      // Behind a proxy page or with no answer at all, token checks would only repeat the same failure.
      if (lines[0]!.verdict === 'ok') lines.push(await checkAccountToken(pm), ...(await checkServerTokens(pm)));
      lines.push(checkApproval(pm), await checkDmarc(deps));
      const servers = deps.dnsServers();
      const session = createDnsSession(servers?.length ? { servers } : {});
      try {
        lines.push(await checkDns(session.recursive, servers?.length ? servers.join(', ') : 'The system resolver'));
      } finally {
        session.dispose();
      }
      const codeVersion = migrations.reduce((max, m) => Math.max(max, m.version), 0);
      lines.push(...checkLedger(deps.db, deps.ledgerFile, codeVersion), checkDisk(deps.home));
      return { ok: lines.every((l) => l.verdict !== 'fail'), checkedAt: (deps.now ?? (() => new Date()))().toISOString(), lines };
    },
  };
}

async function checkDmarc(deps: DoctorDeps): Promise<DoctorLine> {
  const label = 'Postmark DMARC token';
  if (!deps.dmarc.configured())
    return { check: 'dmarc.token', label, verdict: 'ok', detail: 'Not connected (optional: DMARC reports can also be imported from files).', fix: '' };
  try {
    const record = await deps.dmarc.record();
    return { check: 'dmarc.token', label, verdict: 'ok', detail: `Accepted; monitoring ${record.domain}.`, fix: '' };
  } catch (err) {
    const e = err instanceof BehalfError ? err : new BehalfError('postmark-dmarc.unknown', String(err));
    return { check: 'dmarc.token', label, verdict: e.code === 'postmark-dmarc.unreachable' ? 'warn' : 'fail', detail: e.message, fix: e.hint ?? '' };
  }
}

export type Doctor = ReturnType<typeof createDoctor>;
