import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { expect } from 'vitest';
import type { SheetInput } from '../../../src-main/sheets/types';

/** A real 1024-bit public key, as Postmark hands it out (~230 characters with the k=rsa; prefix). */
export const DKIM_VALUE =
  'k=rsa; p=MIGfMA0GCSqGSIb3DQEBAQUAA4GNADCBiQKBgQDNPP40a335ptE8gpHCc3hmJ0mZcqVtDMUn5hQbb7ELWb5FLqRUDVgGY/d1KuR/C3otVODwKYJOqce7+2Z0XrudKO2VoO9l4iaAm1OKZfklUOOUXv5pcdvBVHuE01dEMMFE/oVBpi6xpt84L0GRSiSey62VdyXdSlUdO2T15A/ORwIDAQAB';

export const DMARC_VALUE = 'v=DMARC1; p=none; rua=mailto:dmarc-reports@behalf-vendor.example';

export function option1Input(overrides: Partial<SheetInput> = {}): SheetInput {
  return {
    tenant: { name: 'Acme Corporation', domain: 'acme.com', contactName: 'Jordan Lee' },
    option: 1,
    records: {
      dkim: { host: '20240817055129pm._domainkey.acme.com', value: DKIM_VALUE },
      returnPath: { host: 'pm-bounces.acme.com', target: 'pm.mtasv.net' },
      dmarc: { host: '_dmarc.acme.com', value: DMARC_VALUE },
      dmarcReportAuth: { host: 'acme.com._report._dmarc.behalf-vendor.com', value: 'v=DMARC1' },
    },
    provider: 'godaddy',
    lastCheck: {
      dkim: { status: 'ok' },
      returnPath: { status: 'failing', cause: 'cloudflare-proxied', observed: '104.21.3.4' },
      dmarc: { status: 'missing', cause: 'nxdomain' },
    },
    vendorName: 'Northwind Mailer',
    generatedAt: '2024-08-17T05:51:29Z',
    ...overrides,
  };
}

export function optionInput(option: 2 | 3, overrides: Partial<SheetInput> = {}): SheetInput {
  return { ...option1Input(), option, records: {}, ...overrides };
}

const here = path.dirname(fileURLToPath(import.meta.url));
export const GOLDEN_DIR = path.join(here, 'golden');

/**
 * Compares with a checked-in golden file. UPDATE_GOLDEN=1 rewrites it; a missing golden file fails
 * (it is never created silently, so a test cannot pass by writing its own expectation).
 */
export function expectGolden(name: string, actual: string): void {
  const file = path.join(GOLDEN_DIR, name);
  if (process.env.UPDATE_GOLDEN === '1') {
    fs.mkdirSync(GOLDEN_DIR, { recursive: true });
    fs.writeFileSync(file, actual);
    return;
  }
  expect(fs.existsSync(file), `golden file ${name} is missing; run with UPDATE_GOLDEN=1 and review it`).toBe(true);
  expect(actual).toBe(fs.readFileSync(file, 'utf8'));
}
