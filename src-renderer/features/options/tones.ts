import type { OptionComparisonView } from '../../../src-preload/api/options';
import type { Tone } from '../../components/Status';

type Deliverability = OptionComparisonView['deliverability'];
type Assessment = OptionComparisonView['assessment'];

/** DMARC outcome as one status word: what the receiver does with the mail, not just pass/fail. */
export function dmarcChip(d: Deliverability): { tone: Tone; label: string } {
  switch (d.dmarc) {
    case 'pass':
      return { tone: 'ok', label: 'DMARC passes' };
    case 'fails-unaligned':
      return { tone: 'warning', label: 'DMARC fails, delivered' };
    case 'will-be-rejected':
      return { tone: 'failing', label: d.disposition === 'spam' ? 'DMARC fails → spam' : 'DMARC fails → rejected' };
    case 'unknown':
      return { tone: 'unknown', label: 'DMARC not checked' };
  }
}

export const ASSESSMENT_CHIP: Record<Assessment['status'], { tone: Tone; label: string }> = {
  ok: { tone: 'ok', label: 'safe' },
  risky: { tone: 'warning', label: 'needs checking' },
  unsafe: { tone: 'failing', label: 'unsafe' },
  impossible: { tone: 'error', label: 'not possible' },
};

export const EFFORT_LABEL: Record<OptionComparisonView['effort']['customerLevel'], string> = {
  none: 'Nothing for the customer',
  low: 'Customer clicks a link',
  medium: 'Customer adds 2 DNS records',
};

export const PREREQ_ICON = { met: '✓', unmet: '✕', unknown: '?' } as const;
