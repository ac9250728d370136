import type { DmarcDiscovery } from './dmarc-policy';

/**
 * Option 2 (verified From address) mail is signed d=pm.mtasv.net with a pm.mtasv.net envelope: it never
 * aligns with the customer's domain, so the customer's DMARC policy alone decides its fate.
 */
export type Option2Verdict =
  { verdict: 'will-fail'; reason: string } | { verdict: 'delivers-unaligned'; reason: string } | { verdict: 'unknown'; reason: string };

export const DELIVERS_UNALIGNED_REASON = 'delivers, shows via, not aligned';

export function option2Verdict(discovery: DmarcDiscovery): Option2Verdict {
  if (discovery.status === 'failed') {
    return { verdict: 'unknown', reason: `could not look up ${discovery.name} (${discovery.cause}); check again before choosing option 2` };
  }
  if (discovery.status === 'none') return { verdict: 'delivers-unaligned', reason: DELIVERS_UNALIGNED_REASON };
  const pol = discovery.policy;
  if (pol.applied === 'none') return { verdict: 'delivers-unaligned', reason: DELIVERS_UNALIGNED_REASON };
  const tag = pol.scope === 'domain' ? 'p' : pol.scope === 'subdomain' ? (pol.sp !== null ? 'sp' : 'p') : pol.np !== null ? 'np' : pol.sp !== null ? 'sp' : 'p';
  const outcome = pol.applied === 'reject' ? 'receivers reject it' : 'receivers put it in spam';
  // Softeners are named but do not change the verdict: RFC 7489 receivers ignore t=, RFC 9989 ones ignore pct.
  const softeners = [pol.t === 'y' ? 't=y (test mode)' : '', pol.pct !== null && pol.pct < 100 ? `pct=${pol.pct}` : ''].filter(Boolean);
  const note = softeners.length > 0 ? `; ${softeners.join(' and ')} soften this only at some receivers` : '';
  const where = pol.source === pol.fromDomain ? pol.source : `${pol.source} (organisational domain)`;
  return {
    verdict: 'will-fail',
    reason: `${tag}=${pol.applied} on ${where}: option 2 mail is not aligned, so ${outcome}${note}. Use option 1 (authenticate the domain) or option 3.`,
  };
}
