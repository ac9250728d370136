import { SEND_PLACEHOLDERS } from '../../src-preload/api/sends';

export interface TemplateValues {
  tenant: { name: string; domain: string };
  seed: { provider: string; address: string };
  /** Already formatted, e.g. "2026-11-26 14:05 UTC". */
  date: string;
}

export const DEFAULT_SUBJECT = 'Behalf test: {{tenant.name}} to {{seed.provider}} ({{date}})';
export const DEFAULT_BODY = [
  'Hello,',
  '',
  'This is a deliverability test sent on behalf of {{tenant.name}} ({{tenant.domain}}).',
  'It went to the {{seed.provider}} seed inbox {{seed.address}} on {{date}}.',
  '',
  'Please check which folder it landed in (inbox, promotions, spam) and the authentication results',
  '(SPF, DKIM, DMARC) in the message headers.',
  '',
  'No reply is needed.',
].join('\n');

const PLACEHOLDER = /\{\{\s*([^{}]*?)\s*\}\}/g;
const KNOWN = new Set<string>(SEND_PLACEHOLDERS);

/** Placeholders used in a template that Behalf does not know (typos would otherwise reach the inbox verbatim). */
export function unknownPlaceholders(template: string): string[] {
  const unknown = new Set<string>();
  for (const match of template.matchAll(PLACEHOLDER)) {
    const name = match[1] ?? '';
    if (!KNOWN.has(name)) unknown.add(name);
  }
  return [...unknown];
}

/** Every problem with a subject/body pair, as sentences a person can act on. */
export function templateProblems(subject: string, body: string): string[] {
  const problems: string[] = [];
  if (subject.trim() === '') problems.push('The subject is empty: Postmark sends it, but mailbox providers treat empty subjects as suspicious.');
  if (body.trim() === '') problems.push('The body is empty: Postmark refuses a message without a text or HTML body.');
  for (const [where, text] of [
    ['subject', subject],
    ['body', body],
  ] as const) {
    const unknown = unknownPlaceholders(text);
    if (unknown.length) {
      problems.push(
        `The ${where} uses unknown placeholder(s) ${unknown.map((u) => `{{${u}}}`).join(', ')}: use ${SEND_PLACEHOLDERS.map((p) => `{{${p}}}`).join(', ')}.`,
      );
    }
  }
  return problems;
}

export function renderTemplate(template: string, values: TemplateValues): string {
  const lookup: Record<string, string> = {
    'tenant.name': values.tenant.name,
    'tenant.domain': values.tenant.domain,
    'seed.provider': values.seed.provider || 'seed',
    'seed.address': values.seed.address,
    date: values.date,
  };
  return template.replace(PLACEHOLDER, (whole, name: string) => lookup[name] ?? whole);
}

/** A date a person reads the same in every inbox: UTC, minutes. */
export function formatSendDate(at: Date): string {
  return `${at.toISOString().slice(0, 16).replace('T', ' ')} UTC`;
}
