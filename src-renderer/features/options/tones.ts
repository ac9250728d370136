import type { OptionComparisonView } from '../../../src-preload/api/options';

export const EFFORT_LABEL: Record<OptionComparisonView['effort']['customerLevel'], string> = {
  none: 'Nothing for the customer',
  low: 'Customer clicks a link',
  medium: 'Customer adds 2 DNS records',
};

export const PREREQ_ICON = { met: '✓', unmet: '✕', unknown: '?' } as const;
