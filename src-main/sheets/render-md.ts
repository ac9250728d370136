import type { Sheet, SheetRecord, SheetStep, StepField } from './types';

/** Markdown (GitHub flavour): readable as plain text, pasteable into tickets and chat. */

/** Escapes text so a tenant name like `*Acme* <b>` shows literally instead of becoming markup. */
export function mdText(s: string): string {
  return s
    .replace(/[\\`*_[\]<>|~&]/g, (c) => `\\${c}`)
    .replace(/^[#+\-=>]/gm, (m) => `\\${m}`)
    .replace(/^(\d+)\./gm, '$1\\.')
    .replace(/\r?\n/g, ' ');
}

/** Inline code that survives backticks inside the value (fence longer than any run inside). */
export function mdCode(s: string): string {
  const longest = Math.max(0, ...[...s.matchAll(/`+/g)].map((m) => m[0].length));
  const fence = '`'.repeat(longest + 1);
  const pad = s.startsWith('`') || s.endsWith('`') ? ' ' : '';
  return `${fence}${pad}${s}${pad}${fence}`;
}

function mdBlock(s: string, indent = ''): string {
  const longest = Math.max(2, ...[...s.matchAll(/`+/g)].map((m) => m[0].length));
  const fence = '`'.repeat(longest + 1);
  return [`${indent}${fence}text`, `${indent}${s}`, `${indent}${fence}`].join('\n');
}

/** Table cells: code spans keep their text, but a pipe must still be escaped in GFM tables. */
const cellCode = (s: string) => mdCode(s).replace(/\|/g, '\\|');

function recordsTable(sheet: Sheet): string[] {
  const rows = sheet.records.map(
    (r) =>
      `| ${r.n} | ${r.type} | ${r.enterHost === '' ? '(leave empty)' : cellCode(r.enterHost)} | ${cellCode(r.fqdn)} | ${r.ttl} | ${mdText(r.status.label)} |`,
  );
  return [`| # | Type | Host (type this in ${mdText(sheet.provider.name)}) | Full name | TTL | Status |`, '|---|---|---|---|---|---|', ...rows];
}

function recordDetail(sheet: Sheet, r: SheetRecord): string[] {
  const out = [`### Record ${r.n}: ${mdText(r.label)}`, '', mdText(r.purpose), ''];
  out.push(`- Type: ${mdCode(r.type)}`);
  const short = r.enterHost === r.host ? '' : ` (short name: ${mdCode(r.host)})`;
  out.push(`- Host: ${r.enterHost === '' ? '(leave empty)' : mdCode(r.enterHost)}${short}`);
  out.push(`- Full name: ${mdCode(r.fqdn)}`);
  if (!r.inTenantZone) out.push(`- Goes in the DNS zone: ${mdCode(r.zone)}`);
  out.push(`- TTL: ${r.ttl} seconds`);
  out.push(`- Status: ${mdText(r.status.label)}${r.status.detail ? `. ${mdText(r.status.detail)}` : ''}`);
  if (r.status.observed !== undefined) out.push(`- We saw: ${mdCode(r.status.observed)}`);
  out.push('- Value (copy it in one piece):', '', mdBlock(r.value, '  '), '');
  if (r.enterValue !== r.value) {
    out.push(`- Value as ${mdText(sheet.provider.name)} wants it:`, '', mdBlock(r.enterValue, '  '), '');
  }
  return out;
}

function field(f: StepField): string {
  return `   - ${mdText(f.label)}: ${f.literal ? mdCode(f.value) : mdText(f.value)}`;
}

function step(s: SheetStep, i: number): string[] {
  const out = [`${i + 1}. ${mdText(s.text)}`];
  out.push(...s.fields.map(field));
  if (s.after) out.push(`   ${mdText(s.after)}`);
  return out;
}

export function renderMarkdown(sheet: Sheet): string {
  const lines: string[] = [`# ${mdText(sheet.title)}`, ''];
  lines.push(
    `**${mdText(sheet.vendorName)}** for ${mdText(sheet.tenant.name)} (${mdText(sheet.tenant.domain)})` +
      (sheet.tenant.contactName ? `, attention of ${mdText(sheet.tenant.contactName)}` : ''),
    '',
    `${mdText(sheet.optionLabel)}.${sheet.records.length ? ` DNS host: ${mdText(sheet.provider.name)}.` : ''} Generated ${sheet.generatedLabel}.`,
    '',
  );
  for (const p of sheet.intro) lines.push(mdText(p), '');
  if (sheet.records.length) {
    lines.push('## Records to add', '', ...recordsTable(sheet), '');
    for (const r of sheet.records) lines.push(...recordDetail(sheet, r));
  }
  lines.push('## Steps', '');
  sheet.steps.forEach((s, i) => lines.push(...step(s, i)));
  lines.push('', '## Check it', '', mdText(sheet.verify.intro), '');
  for (const c of sheet.verify.checks) {
    lines.push(`- Record ${c.record} (${mdCode(c.fqdn)}):`, `  - ${mdCode(c.dig)}`, `  - ${mdCode(c.nslookup)}`, `  - expected answer: ${mdCode(c.expect)}`);
  }
  if (sheet.verify.checks.length) lines.push('');
  lines.push(mdText(sheet.verify.weConfirm), '', "## Please don't", '');
  lines.push(...sheet.doNot.map((d) => `- ${mdText(d)}`), '');
  if (sheet.senderRules) {
    lines.push("## Mailbox providers' rules", '', mdText(sheet.senderRules.intro), '');
    for (const r of sheet.senderRules.items) lines.push(`- **${mdText(r.title)}**: ${mdText(r.reason)}${r.fix ? ` To fix: ${mdText(r.fix)}` : ''}`);
    lines.push('');
  }
  if (sheet.notes.length) lines.push('## Notes', '', ...sheet.notes.map((n) => `- ${mdText(n)}`), '');
  lines.push('## To undo', '', mdText(sheet.undo.intro), '', ...sheet.undo.items.map((u) => `- ${mdText(u)}`), '');
  return lines.join('\n');
}
