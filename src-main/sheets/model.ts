import { z } from 'zod';
import { BehalfError } from '../../src-preload/api/errors';
import { unicodeDomain } from '../../src-preload/api/domain-input';
import { domainSchema, sendingOptionSchema } from '../../src-preload/api/tenants';
import { getProvider } from './providers';
import { buildRecords, zoneOf } from './model-records';
import { option1Text } from './model-option1';
import { option2Text, option3Text } from './model-option23';
import { PROVIDER_IDS, type Sheet, type SheetInput } from './types';

/**
 * buildSheet: pure. Tenant + records + provider + last check → a Sheet that every renderer formats.
 * All wording lives here (and in model-option*.ts), so the five formats never disagree.
 */

const hostValue = z.object({ host: z.string().trim().min(1), value: z.string() });

export const sheetInputSchema = z.object({
  tenant: z.object({
    name: z.string().trim().min(1, 'The tenant needs a name.').max(200),
    domain: domainSchema,
    contactName: z.string().trim().max(200).default(''),
  }),
  option: sendingOptionSchema,
  records: z
    .object({
      dkim: hostValue.optional(),
      returnPath: z.object({ host: z.string().trim().min(1), target: z.string().trim().min(1) }).optional(),
      dmarc: hostValue.optional(),
      dmarcReportAuth: hostValue.optional(),
    })
    .default({}),
  provider: z.enum(PROVIDER_IDS).default('generic'),
  lastCheck: z.record(z.string(), z.object({ status: z.string(), cause: z.string().optional(), observed: z.string().optional() })).optional(),
  vendorName: z.string().trim().min(1, 'The vendor name is missing (Settings).').max(200),
  generatedAt: z.string().refine((s) => !Number.isNaN(Date.parse(s)), 'generatedAt must be an ISO date.'),
  senderRules: z.array(z.object({ title: z.string(), reason: z.string(), fix: z.string() })).optional(),
});

const SENDER_RULES_INTRO = 'Gmail, Yahoo and Outlook.com ask everyone who sends them mail in bulk to meet a few rules. These are not met yet for your mail:';

const OPTION_LABELS = {
  1: 'Option 1: your own domain, authenticated (DKIM and Return-Path)',
  2: 'Option 2: your own address, confirmed by email',
  3: 'Option 3: our domain, with your name as the sender',
} as const;

/** `2024-08-17 05:51 UTC`: the same on every machine, whatever its locale or time zone. */
export function formatGeneratedAt(iso: string): string {
  const d = new Date(iso);
  const pad = (n: number) => String(n).padStart(2, '0');
  return `${d.getUTCFullYear()}-${pad(d.getUTCMonth() + 1)}-${pad(d.getUTCDate())} ${pad(d.getUTCHours())}:${pad(d.getUTCMinutes())} UTC`;
}

export function buildSheet(rawInput: SheetInput): Sheet {
  const parsed = sheetInputSchema.safeParse(rawInput);
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    throw new BehalfError(
      'sheet.invalid-input',
      `Cannot build the sheet: ${issue ? `${issue.path.join('.') || 'input'}: ${issue.message}` : 'invalid input'}.`,
      'Check the tenant (name, domain) and the vendor name in Settings.',
    );
  }
  const input = parsed.data as SheetInput;
  const { tenant, option, vendorName } = input;
  const zone = zoneOf(tenant.domain);
  const profile = getProvider(input.provider);

  const base = {
    version: 1 as const,
    vendorName,
    tenant: { name: tenant.name, domain: tenant.domain, contactName: tenant.contactName },
    option,
    optionLabel: OPTION_LABELS[option],
    zone,
    provider: { id: profile.id, name: profile.name },
    generatedAt: input.generatedAt,
    generatedLabel: formatGeneratedAt(input.generatedAt),
    ...(input.senderRules?.length ? { senderRules: { intro: SENDER_RULES_INTRO, items: input.senderRules } } : {}),
  };

  if (option === 1) {
    if (!input.records.dkim) {
      throw new BehalfError(
        'sheet.missing-dkim',
        `There is no DKIM record for ${tenant.domain} yet, so there is nothing to hand over.`,
        'Create the domain in Postmark first (Provisioning), then build the sheet again.',
      );
    }
    const records = buildRecords(input, profile, zone);
    const text = option1Text({ vendor: vendorName, tenantName: tenant.name, domain: tenant.domain, zone, contactName: tenant.contactName, profile, records });
    const count = records.length;
    return {
      ...base,
      title: `Email setup for ${tenant.name}: ${count} DNS record${count === 1 ? '' : 's'} for ${readable(tenant.domain)}`,
      records,
      ...text,
      intro: [...idnIntro(tenant.domain), ...text.intro],
    };
  }

  const ctx = { vendor: vendorName, tenantName: tenant.name, domain: tenant.domain, observedDmarc: input.lastCheck?.dmarc?.observed };
  return option === 2
    ? { ...base, title: `Email setup for ${tenant.name}: confirm your sender address (no DNS changes)`, records: [], ...option2Text(ctx) }
    : { ...base, title: `Email setup for ${tenant.name}: nothing to change in DNS`, records: [], ...option3Text(ctx) };
}

/** "bücher.de (xn--bcher-kva.de)" for an internationalised name: the customer knows the first, DNS the second. */
function readable(domain: string): string {
  const shown = unicodeDomain(domain);
  return shown === domain ? domain : `${shown} (${domain})`;
}

/** The sheet's first words for an internationalised domain (issue #22): why the records say xn--…. */
function idnIntro(domain: string): string[] {
  const shown = unicodeDomain(domain);
  if (shown === domain) return [];
  return [
    `Your domain ${shown} is written ${domain} in DNS (its "A-label"). In your DNS panel it may show as ${domain} or as ${shown}: both are the same domain. The records below use the ${domain} form; enter them exactly as shown.`,
  ];
}
