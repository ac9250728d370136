import type { SheetInput } from '../../../src-main/sheets/types';
import { option1Input } from '../../unit/sheets/fixtures';

/** P6's sheets: option 1, a distinct tenant each (its own name, domain and DKIM host), three providers in turn. */
export function benchSheetInput(i: number): SheetInput {
  const domain = `tenant-${i}.example`;
  return option1Input({
    tenant: { name: `Tenant ${i}`, domain, contactName: `Contact ${i}` },
    records: {
      dkim: { host: `20240817055129pm._domainkey.${domain}`, value: option1Input().records!.dkim!.value },
      returnPath: { host: `pm-bounces.${domain}`, target: 'pm.mtasv.net' },
      dmarc: { host: `_dmarc.${domain}`, value: 'v=DMARC1; p=none; rua=mailto:dmarc@behalf-vendor.com' },
    },
    provider: (['godaddy', 'cloudflare', 'generic'] as const)[i % 3],
  });
}
