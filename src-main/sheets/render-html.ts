import type { Sheet, SheetRecord, SheetStep, StatusTone } from './types';
import { SHEET_CSS } from './html-style';

/**
 * Standalone HTML: one file, inline CSS, no scripts, no external assets (it is emailed and opened offline).
 * Every piece of text goes through esc(); values are selectable with one click (user-select: all).
 */

export function esc(s: string): string {
  return s.replace(/[&<>"']/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[c] ?? c);
}

const code = (s: string) => `<code class="v">${esc(s)}</code>`;

/** Word next to the colour, never colour alone. */
const TONE_ICON: Record<StatusTone, string> = { ok: '✔', pending: '…', warning: '!', failing: '✖', error: '!', unknown: '?' };

function statusBadge(r: SheetRecord): string {
  return `<span class="st st-${r.status.tone}">${TONE_ICON[r.status.tone]} ${esc(r.status.label)}</span>`;
}

/** domain → records: the picture a newcomer to DNS needs before the table. */
function diagram(sheet: Sheet): string {
  const items = sheet.records
    .map((r) => {
      const target = r.type === 'CNAME' ? `points to ${code(r.value)}` : esc(r.label);
      return `<li><span class="arrow" aria-hidden="true">→</span><span class="node rec"><b>${r.type}</b> ${code(r.fqdn)}<br><small>${target}</small></span></li>`;
    })
    .join('');
  return `<figure class="diagram" aria-label="Records added to ${esc(sheet.zone)}"><div class="node zone"><small>DNS zone</small><br><b>${esc(sheet.zone)}</b></div><ul>${items}</ul></figure>`;
}

function recordsTable(sheet: Sheet): string {
  const rows = sheet.records
    .map(
      (r) =>
        `<tr><td class="num">${r.n}</td><td>${r.type}</td><td>${r.enterHost === '' ? '<i>(leave empty)</i>' : code(r.enterHost)}</td><td>${code(r.fqdn)}</td><td class="num">${r.ttl}</td><td>${statusBadge(r)}</td></tr>`,
    )
    .join('\n');
  return `<table class="records"><thead><tr><th>#</th><th>Type</th><th>Host (type this in ${esc(sheet.provider.name)})</th><th>Full name</th><th>TTL</th><th>Status</th></tr></thead><tbody>\n${rows}\n</tbody></table>`;
}

function recordCard(sheet: Sheet, r: SheetRecord): string {
  const rows: Array<[string, string]> = [
    ['Type', code(r.type)],
    ['Host', `${r.enterHost === '' ? '<i>(leave empty)</i>' : code(r.enterHost)}${r.enterHost === r.host ? '' : ` <small>short name ${code(r.host)}</small>`}`],
    ['Full name', code(r.fqdn)],
  ];
  if (!r.inTenantZone) rows.push(['DNS zone', code(r.zone)]);
  rows.push(['TTL', `${r.ttl} seconds`]);
  rows.push(['Value', `<pre class="value">${esc(r.value)}</pre>`]);
  if (r.enterValue !== r.value) rows.push([`Value as ${esc(sheet.provider.name)} wants it`, `<pre class="value">${esc(r.enterValue)}</pre>`]);
  const detail = [r.status.detail ? esc(r.status.detail) : '', r.status.observed !== undefined ? `We saw: ${code(r.status.observed)}` : '']
    .filter(Boolean)
    .join('<br>');
  rows.push(['Status', statusBadge(r) + (detail ? `<div class="detail">${detail}</div>` : '')]);
  const body = rows.map(([k, v]) => `<tr><th>${k}</th><td>${v}</td></tr>`).join('\n');
  return `<section class="card" id="record-${r.n}"><h3>Record ${r.n}: ${esc(r.label)}</h3><p>${esc(r.purpose)}</p><table class="kv">\n${body}\n</table></section>`;
}

function stepItem(s: SheetStep): string {
  const fields = s.fields.length
    ? `<dl>${s.fields.map((f) => `<dt>${esc(f.label)}</dt><dd>${f.literal ? code(f.value) : esc(f.value)}</dd>`).join('')}</dl>`
    : '';
  return `<li>${esc(s.text)}${fields}${s.after ? `<div>${esc(s.after)}</div>` : ''}</li>`;
}

function verifySection(sheet: Sheet): string {
  const checks = sheet.verify.checks
    .map((c) => `<li>Record ${c.record}:<pre class="cmd">${esc(c.dig)}\n${esc(c.nslookup)}</pre>Expected answer: ${code(c.expect)}</li>`)
    .join('\n');
  return `<h2>Check it</h2><p>${esc(sheet.verify.intro)}</p>${checks ? `<ul class="checks">${checks}</ul>` : ''}<p>${esc(sheet.verify.weConfirm)}</p>`;
}

const list = (items: string[]) => `<ul>${items.map((i) => `<li>${esc(i)}</li>`).join('')}</ul>`;

export function renderHtml(sheet: Sheet): string {
  const contact = sheet.tenant.contactName ? `, attention of ${esc(sheet.tenant.contactName)}` : '';
  const parts = [
    '<!DOCTYPE html>',
    '<html lang="en"><head><meta charset="utf-8">',
    '<meta name="viewport" content="width=device-width, initial-scale=1">',
    // No network, no scripts: the CSP makes that a promise the browser keeps.
    `<meta http-equiv="Content-Security-Policy" content="default-src 'none'; style-src 'unsafe-inline'">`,
    `<title>${esc(sheet.title)}</title>`,
    `<style>${SHEET_CSS}</style></head><body><main>`,
    `<header><div class="vendor">${esc(sheet.vendorName)}</div><div class="meta">for <b>${esc(sheet.tenant.name)}</b> (${esc(sheet.tenant.domain)})${contact}<br>${esc(sheet.optionLabel)}<br>${sheet.records.length ? `DNS host: ${esc(sheet.provider.name)} · ` : ''}generated ${esc(sheet.generatedLabel)}</div></header>`,
    `<h1>${esc(sheet.title)}</h1>`,
    ...sheet.intro.map((p) => `<p>${esc(p)}</p>`),
  ];
  if (sheet.records.length) {
    parts.push('<h2>Records to add</h2>', diagram(sheet), recordsTable(sheet), ...sheet.records.map((r) => recordCard(sheet, r)));
  }
  parts.push('<h2>Steps</h2>', `<ol class="steps">${sheet.steps.map(stepItem).join('\n')}</ol>`);
  parts.push(verifySection(sheet));
  parts.push(`<aside class="dont"><h2>Please don't</h2>${list(sheet.doNot)}</aside>`);
  if (sheet.senderRules) {
    const items = sheet.senderRules.items.map((r) => `<li><strong>${esc(r.title)}</strong>: ${esc(r.reason)}${r.fix ? ` To fix: ${esc(r.fix)}` : ''}</li>`);
    parts.push("<h2>Mailbox providers' rules</h2>", `<p>${esc(sheet.senderRules.intro)}</p>`, `<ul class="sender-rules">${items.join('\n')}</ul>`);
  }
  if (sheet.notes.length) parts.push('<h2>Notes</h2>', list(sheet.notes));
  parts.push('<h2>To undo</h2>', `<p>${esc(sheet.undo.intro)}</p>`, list(sheet.undo.items));
  parts.push('</main></body></html>', '');
  return parts.join('\n');
}
