import { unicodeDomain } from '../../src-preload/api/domain-input';

/**
 * A stored domain as people read it: the U-label, with the A-label (what DNS panels and Postmark show) beside it
 * when the two differ (issue #22). `full` spells the A-label out; otherwise it is in the tooltip only.
 */
export function DomainName({ domain, full = false }: { domain: string; full?: boolean }) {
  const shown = unicodeDomain(domain);
  if (shown === domain) return <span className="mono">{domain}</span>;
  return (
    <span className="mono" title={`Stored and sent as ${domain}`}>
      {shown}
      {full && <span className="muted"> ({domain})</span>}
    </span>
  );
}
