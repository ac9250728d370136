import type { OutboxJob, PostmarkState } from '../../../src-preload/api/postmark';
import type { JobView, PostmarkObjectLink } from '../outbox/types';

/** Pure translations from ledger rows (Postmark's field names) to what the UI and CLI show. */

const str = (v: unknown): string => (typeof v === 'string' ? v : '');
const bool = (v: unknown): boolean => v === true;
const key = (host: unknown, value: unknown) => (str(host) && str(value) ? { host: str(host), value: str(value) } : null);

export function jobLabel(job: Pick<JobView, 'kind' | 'payload'>): string {
  const p = job.payload as Record<string, unknown>;
  const target =
    str(p.name) ||
    str(p.fromEmail) ||
    str(p.domainName) ||
    str(p.email) ||
    str(p.serverName) ||
    (p.domainId ? `domain ${String(p.domainId)}` : p.senderId ? `sender ${String(p.senderId)}` : p.serverId ? `server ${String(p.serverId)}` : '');
  const verb: Record<string, string> = {
    'create-server': 'Create the server',
    'delete-server': 'Delete the server',
    'create-domain': 'Create the domain',
    'delete-domain': 'Delete the domain',
    'verify-dkim': 'Verify DKIM of',
    'verify-return-path': 'Verify the Return-Path of',
    'rotate-dkim': 'Rotate the DKIM key of',
    'create-sender': 'Create the sender signature',
    'resend-confirmation': 'Resend the confirmation to',
    'delete-sender': 'Delete the sender signature',
  };
  return `${verb[job.kind] ?? job.kind} ${target}`.trim();
}

export function toOutboxJob(job: JobView, tenantName: (id: string) => string | null): OutboxJob {
  return {
    id: job.id,
    tenantId: job.tenantId,
    tenantName: job.tenantId ? tenantName(job.tenantId) : null,
    kind: job.kind,
    label: jobLabel(job),
    state: job.state,
    attempts: job.attempts,
    nextAttemptAt: job.nextAttemptAt,
    lastError: job.lastError ? { code: job.lastError.code, message: job.lastError.message, hint: job.lastError.hint } : null,
    createdAt: job.createdAt,
    updatedAt: job.updatedAt,
  };
}

export function toState(tenantId: string, links: PostmarkObjectLink[], jobs: OutboxJob[]): PostmarkState {
  const server = links.find((l) => l.kind === 'server');
  const domain = links.find((l) => l.kind === 'domain');
  const sender = links.find((l) => l.kind === 'sender');
  const d = domain?.details ?? {};
  const s = server?.details ?? {};
  const g = sender?.details ?? {};
  return {
    tenantId,
    server: server
      ? {
          id: server.postmarkId,
          name: server.name,
          color: str(s.Color),
          deliveryType: str(s.DeliveryType) || 'Live',
          link: str(s.ServerLink),
        }
      : null,
    domain: domain
      ? {
          id: domain.postmarkId,
          name: domain.name,
          dkimVerified: bool(d.DKIMVerified),
          // Postmark's own value (seen: Pending, Verified); '' when it sent none. Never a value Postmark does not send.
          dkimUpdateStatus: str(d.DKIMUpdateStatus),
          pending: key(d.DKIMPendingHost, d.DKIMPendingTextValue),
          active: key(d.DKIMHost, d.DKIMTextValue),
          revoked: key(d.DKIMRevokedHost, d.DKIMRevokedTextValue),
          safeToRemoveRevokedKey: bool(d.SafeToRemoveRevokedKeyFromDNS),
          returnPath: { domain: str(d.ReturnPathDomain), cname: str(d.ReturnPathDomainCNAMEValue), verified: bool(d.ReturnPathDomainVerified) },
        }
      : null,
    sender: sender ? { id: sender.postmarkId, email: sender.name, name: str(g.Name), confirmed: bool(g.Confirmed) } : null,
    jobs,
  };
}

/** The note staff send the customer for option 2: the confirmation mail comes from Postmark, not from us. */
export function confirmationMessage(input: { tenantName: string; contactName: string; email: string; vendorName: string }): { subject: string; body: string } {
  const greeting = input.contactName ? `Hi ${input.contactName},` : 'Hello,';
  return {
    subject: `Please confirm ${input.email} for sending through ${input.vendorName}`,
    body: [
      greeting,
      '',
      `To send ${input.tenantName}'s email from ${input.email}, our email provider Postmark needs you to confirm that you own this address.`,
      '',
      `1. Expect an email from Postmark (postmarkapp.com) at ${input.email} in the next few minutes, asking you to confirm this address as a sender.`,
      '2. Open it and click the confirmation link in it. There is nothing else to do: no password, no account to create.',
      '3. If it does not arrive within an hour, check your spam folder, then reply to this message and we will send it again.',
      '',
      `Until you click the link, mail from ${input.email} cannot be sent.`,
      '',
      `Thank you,`,
      input.vendorName,
    ].join('\n'),
  };
}
