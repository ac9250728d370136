import { TENANT_STATUSES, type TenantStatus } from '../../src-preload/api/tenant-statuses';
import { TONE_ICON, tenantHealth, tenantStatusVerdict, type Tone, type Verdict } from '../../src-preload/api/verdicts';

/** The one status vocabulary: colour AND icon AND word, never colour alone. The words come from verdicts.ts. */
export type { Tone };

export function StatusChip({ tone, label }: { tone: Tone; label?: string }) {
  return (
    <span className={`status ${tone}`}>
      <span aria-hidden>{TONE_ICON[tone]}</span>
      {label ?? tone}
    </span>
  );
}

export function VerdictChip({ verdict }: { verdict: Verdict }) {
  return <StatusChip tone={verdict.tone} label={verdict.word} />;
}

export const STATUS_LABEL = Object.fromEntries(TENANT_STATUSES.map((s) => [s, tenantStatusVerdict(s).word])) as Record<TenantStatus, string>;

export function TenantStatusChip({ status }: { status: TenantStatus }) {
  return <VerdictChip verdict={tenantStatusVerdict(status)} />;
}

/**
 * A tenant's one honest chip (status made worse by a failing last DNS check), the same in the tenants list and on
 * the tenant's own page header, so the two never disagree.
 */
export function TenantHealthChip({ status, lastCheck }: { status: TenantStatus; lastCheck: { status: string } | null }) {
  return <VerdictChip verdict={tenantHealth(status, lastCheck)} />;
}

export const OPTION_LABEL = { 1: 'Customer domain', 2: 'Verified From address', 3: 'Custom From name' } as const;

export function OptionBadge({ option }: { option: 1 | 2 | 3 | null }) {
  return (
    <span className={`opt o${option ?? 0}`} title={option ? `Option ${option}: ${OPTION_LABEL[option]}` : 'Option not decided'}>
      {option ?? '–'}
    </span>
  );
}
