import type { AlertKind } from '../../src-preload/api/alerts';
import type { DmarcSourcesReport } from '../../src-preload/api/dmarc';
import type { HealthRow } from '../../src-preload/api/health';
import type { Tenant } from '../../src-preload/api/tenants';
import type { TenantCheck } from '../dns/dns-service';
import type { NewAlert } from './alert-store';

/**
 * What a watch round turns into alerts, as pure functions of the facts it gathered. Each fact key names the fact
 * itself (tenant + record + value), so the same fact seen on the next round has the same key and is not raised again.
 */

/**
 * DKIM that the tenant's previous check saw and this one does not (the DNS check's own drift, code 'dkim-gone').
 * Drift appears only on the check that saw the change, so the check's id names the fact: a record put back and
 * removed again later is a new fact.
 */
export function dkimGone(t: Tenant, check: TenantCheck): NewAlert[] {
  return check.drift
    .filter((d) => d.code === 'dkim-gone')
    .map((d) => ({
      factKey: `dkim-gone:${t.id}:${d.name}:check-${check.id}`,
      kind: 'dkim-gone' as const,
      tenantId: t.id,
      title: `${t.name}: DKIM record gone`,
      detail: d.message,
    }));
}

/** An option 2 tenant whose domain now applies quarantine or reject: its mail (From unaligned) will be filtered. */
export function dmarcTightened(t: Tenant, check: TenantCheck): NewAlert[] {
  const dmarc = check.report.dmarc;
  if (check.report.option !== 2 || !dmarc || dmarc.applied === 'none') return [];
  return [
    {
      factKey: `dmarc-tightened:${t.id}:${dmarc.applied}:${dmarc.record}`,
      kind: 'dmarc-tightened',
      tenantId: t.id,
      title: `${t.name}: DMARC is ${dmarc.applied} under option 2`,
      detail: `_dmarc.${dmarc.source} publishes "${dmarc.record}". ${check.report.option2.reason}`,
    },
  ];
}

/** A tenant judged in trouble; `open` says whether its current episode was already raised. */
export function inTrouble(row: HealthRow): NewAlert | null {
  if (row.verdict !== 'in-trouble') return null;
  const reasons = row.reasons.filter((r) => r.level === 'fail').map((r) => `${r.text} ${r.fix}`);
  return {
    factKey: `health-in-trouble:${row.tenantId}`, // completed with the episode's start by the round
    kind: 'health-in-trouble' satisfies AlertKind,
    tenantId: row.tenantId,
    title: `${row.name}: sending health in trouble`,
    detail: reasons.join(' ') || 'Over a threshold in Settings → Sending health.',
  };
}

/** Sources the DMARC reports show failing that are neither Postmark nor marked legitimate, one fact per IP. */
export function failingSenders(t: Tenant, sources: DmarcSourcesReport): NewAlert[] {
  return sources.sources
    .filter((s) => s.flag === 'unknown-failing')
    .map((s) => ({
      factKey: `dmarc-new-failing-sender:${t.id}:${s.ip}`,
      kind: 'dmarc-new-failing-sender' as const,
      tenantId: t.id,
      title: `${t.name}: a new sender fails DMARC`,
      detail:
        `${s.ip}${s.ptr ? ` (${s.ptr})` : ''} sent ${s.count} message(s) as ${sources.domain}; ${s.count - s.dmarcPass} failed DMARC. ` +
        'If it is the customer’s own service, mark it legitimate on the DMARC tab and align it; otherwise it may be spoofing.',
    }));
}

/**
 * A revoked DKIM key Postmark says is safe to delete and DNS still publishes (the check's own cause
 * `revoked-key-still-published`). Postmark names each key's selector after the time it was made, so the old
 * selector names the fact: the next rotation's old key is a new one.
 */
export function revokedKeySafe(t: Tenant, check: TenantCheck): NewAlert[] {
  return check.report.records
    .filter((r) => r.kind === 'dkim-revoked' && r.cause === 'revoked-key-still-published')
    .map((r) => ({
      factKey: `dkim-revoked-safe:${t.id}:${r.name.toLowerCase()}`,
      kind: 'dkim-revoked-safe' as const,
      tenantId: t.id,
      title: `${t.name}: an old DKIM key is safe to delete`,
      detail: `${r.message} ${r.fix} Then check DNS (DKIM keys → Check progress) to confirm it is gone.`,
    }));
}
