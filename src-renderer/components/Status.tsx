import type { TenantStatus } from '../../src-preload/api/tenants';

/** The one status vocabulary: colour AND icon AND word, never colour alone. */
export type Tone = 'ok' | 'pending' | 'warning' | 'failing' | 'error' | 'unknown';
const ICON: Record<Tone, string> = { ok: '✓', pending: '◔', warning: '!', failing: '✕', error: '⚠', unknown: '?' };

export function StatusChip({ tone, label }: { tone: Tone; label?: string }) {
  return (
    <span className={`status ${tone}`}>
      <span aria-hidden>{ICON[tone]}</span>
      {label ?? tone}
    </span>
  );
}

const TENANT_TONE: Record<TenantStatus, Tone> = {
  draft: 'unknown',
  provisioning: 'pending',
  'awaiting-dns': 'pending',
  'awaiting-confirmation': 'pending',
  live: 'ok',
  suspended: 'warning',
  archived: 'unknown',
};
export const STATUS_LABEL: Record<TenantStatus, string> = {
  draft: 'draft',
  provisioning: 'provisioning',
  'awaiting-dns': 'awaiting DNS',
  'awaiting-confirmation': 'awaiting confirmation',
  live: 'live',
  suspended: 'suspended',
  archived: 'archived',
};

export function TenantStatusChip({ status }: { status: TenantStatus }) {
  return <StatusChip tone={TENANT_TONE[status]} label={STATUS_LABEL[status]} />;
}

export const OPTION_LABEL = { 1: 'Customer domain', 2: 'Verified From address', 3: 'Custom From name' } as const;

export function OptionBadge({ option }: { option: 1 | 2 | 3 | null }) {
  return (
    <span className={`opt o${option ?? 0}`} title={option ? `Option ${option}: ${OPTION_LABEL[option]}` : 'Option not decided'}>
      {option ?? '–'}
    </span>
  );
}
