import { fillTemplate, type ProviderProfile } from './providers';
import { quoteTxt } from './txt-strings';
import type { Sheet, SheetRecord, SheetStep, StepField, VerifyCheck } from './types';

/** The wording of an option-1 sheet (authenticated customer domain): everything except the records. */

type Text = Pick<Sheet, 'intro' | 'steps' | 'verify' | 'doNot' | 'undo' | 'notes'>;

interface Ctx {
  vendor: string;
  tenantName: string;
  domain: string;
  zone: string;
  contactName: string;
  profile: ProviderProfile;
  records: SheetRecord[];
}

/** Values longer than this are not repeated inside a step; the step points at the record instead. */
const INLINE_VALUE_MAX = 64;

const plural = (n: number, one: string, many: string) => `${n} ${n === 1 ? one : many}`;

function intro(c: Ctx): string[] {
  const kinds = new Set(c.records.map((r) => r.kind));
  const what: string[] = [];
  if (kinds.has('dkim')) what.push('the DKIM record holds a public key that lets receivers check our signature on your mail');
  if (kinds.has('returnPath')) what.push('the Return-Path record sends bounced mail back to Postmark and lets the SPF check pass for your domain');
  if (kinds.has('dmarc')) what.push('the DMARC record tells receivers what to do with mail that fails these checks and where to send reports');
  if (kinds.has('dmarcReportAuth')) what.push('the report permission lets those reports reach their destination');
  const where =
    c.profile.id === 'generic'
      ? `Where: add them where the DNS of ${c.zone} is managed, that is the company its name servers belong to.`
      : `Where: add them in ${c.profile.name}, where the DNS of ${c.zone} is managed.`;
  return [
    `${c.vendor} sends email for ${c.tenantName} from addresses at ${c.domain}, through our email provider Postmark. ` +
      `For Gmail, Outlook and other mail services to trust that mail, ${c.domain} needs the ${plural(c.records.length, 'DNS record', 'DNS records')} listed below. ` +
      'They only add permission for this mail: your website, your mailboxes and your existing records keep working as before.',
    'In short: DNS is the public directory of a domain. A TXT record publishes a piece of text; a CNAME record makes one name an alias of another. ' +
      `Here, ${what.join('; ')}.`,
    `${where} That is not always where the domain was bought. It takes about ten minutes; ` +
      'new records are usually visible within an hour, at most 48 hours.',
  ];
}

function valueField(c: Ctx, r: SheetRecord): StepField {
  const label = c.profile.valueField[r.type];
  if (r.enterValue.length <= INLINE_VALUE_MAX) return { label, value: r.enterValue, literal: true };
  const how = r.enterValue === r.value ? '' : ` (as ${c.profile.name} wants it)`;
  return { label, value: `the value of record ${r.n} above${how}, copied in one piece`, literal: false };
}

function steps(c: Ctx): SheetStep[] {
  const p = c.profile;
  const vars = { zone: c.zone };
  const out: SheetStep[] = p.openDns.map((s) => ({ text: fillTemplate(s, vars), fields: [] }));
  for (const r of c.records.filter((x) => x.inTenantZone)) {
    const fields: StepField[] = [
      { label: 'Type', value: r.type, literal: true },
      r.enterHost === '' ? { label: p.hostField, value: '(leave empty)', literal: false } : { label: p.hostField, value: r.enterHost, literal: true },
      valueField(c, r),
      { label: 'TTL', value: p.ttl, literal: false },
      ...(p.extraFields[r.type] ?? []).map((f) => ({ label: f.label, value: f.value, literal: false })),
    ];
    out.push({
      text: `Add record ${r.n}, the ${r.label}. ${fillTemplate(p.addRecord, { ...vars, type: r.type })}`,
      fields,
      after: fillTemplate(p.save, vars),
    });
  }
  for (const r of c.records.filter((x) => !x.inTenantZone)) {
    out.push({
      text: `Record ${r.n} belongs in the DNS of ${r.zone}, not ${c.zone}. If you manage ${r.zone}, add it there the same way; if not, pass it on to whoever does.`,
      fields: [],
    });
  }
  out.push({
    // Behalf checks when staff ask it to (there is no background watch yet): the sheet promises only that.
    text:
      `That's all. Reply to ${c.vendor} once the records are saved: ${c.vendor} then checks them and tells you the result. ` +
      'You can also check them yourself as shown below; if something still shows as not found after an hour, compare each field with this sheet.',
    fields: [],
  });
  return out;
}

function verify(c: Ctx): Text['verify'] {
  const checks: VerifyCheck[] = c.records.map((r) => ({
    record: r.n,
    fqdn: r.fqdn,
    dig: `dig +short ${r.type} ${r.fqdn}`,
    nslookup: `nslookup -type=${r.type} ${r.fqdn}`,
    expect: r.type === 'TXT' ? quoteTxt(r.value) : `${r.value}.`,
  }));
  const who = c.contactName.trim() ? c.contactName.trim() : 'you';
  return {
    intro:
      'From any computer, these commands show what the world sees (dig on macOS and Linux, nslookup on Windows). ' +
      'dig prints TXT values in quotes; a long value may come back as several quoted pieces, which count as one when joined.',
    checks,
    weConfirm:
      `You don't have to run them: when you tell ${c.vendor} the records are saved, ${c.vendor} checks them and confirms to ${who} ` +
      'that all of them are found, or says which one is wrong and why.',
  };
}

function doNot(c: Ctx): string[] {
  const p = c.profile;
  const example = c.records.find((r) => r.kind === 'returnPath') ?? c.records[0];
  const items = [
    'Don\'t add or change an SPF record for this: no "include:spf.mtasv.net" is needed, because the SPF check uses the Return-Path name, which points to Postmark. Leave your existing SPF record as it is.',
  ];
  if (c.records.some((r) => r.type === 'CNAME')) {
    items.push(
      'Don\'t proxy the CNAME: it must be "DNS only" (the grey cloud in Cloudflare). A proxied name answers with addresses instead of the CNAME, and the check fails. The CNAME also cannot share its name with any other record.',
    );
  }
  if (example && p.hostStyle === 'relative') {
    items.push(
      `Don't type the domain twice in the ${p.hostField} field: enter ${example.enterHost} only. A panel that adds .${c.zone} by itself turns ${example.fqdn} into ${example.fqdn}.${c.zone}, a name nobody looks up.`,
    );
  } else if (example) {
    items.push(
      `Don't drop the final dot from full names: ${example.enterHost} is complete; without the dot a zone file turns it into ${example.fqdn}.${c.zone}.`,
    );
  }
  items.push(
    p.txtFormat === 'plain'
      ? "Don't add quotes, spaces or line breaks to the DKIM value: paste it exactly as shown, in one piece."
      : `Don't add line breaks to the DKIM value: type it in double quotes exactly as shown, on one line (${p.id === 'generic' ? 'zone files need' : `${p.name} needs`} the quotes).`,
  );
  const dmarc = c.records.find((r) => r.kind === 'dmarc');
  if (dmarc) {
    items.push(`Don't add a second DMARC record: if ${dmarc.fqdn} already has one (starting with v=DMARC1), tell us instead, and we will merge the two.`);
  }
  return items;
}

function undo(c: Ctx): Text['undo'] {
  const items = c.records.map(
    (r) => `Delete the ${r.type} record ${r.fqdn} (record ${r.n}).` + (r.kind === 'dmarc' ? ' Only if nothing else relies on this DMARC record.' : ''),
  );
  items.push(fillTemplate(c.profile.deleteHint, { zone: c.zone }));
  return {
    intro: `Please tell us before you remove anything: without these records, mail that ${c.vendor} sends as ${c.domain} fails the checks and is likely to be rejected or land in spam. To undo this setup:`,
    items,
  };
}

function notes(c: Ctx): string[] {
  const out = [
    ...c.profile.notes.map((n) => fillTemplate(n, { zone: c.zone })),
    'These records are made for this domain and this key only. If we ever send you new ones (for example after a key rotation), the old DKIM record stays until we say it is safe to remove.',
  ];
  if (c.domain !== c.zone) {
    out.unshift(
      `Your sending domain ${c.domain} is part of the DNS zone ${c.zone}, so the short names above end with .${c.domain.slice(0, -(c.zone.length + 1))}.`,
    );
  }
  return out;
}

export function option1Text(c: Ctx): Text {
  return { intro: intro(c), steps: steps(c), verify: verify(c), doNot: doNot(c), undo: undo(c), notes: notes(c) };
}
export type Option1Context = Ctx;
