import { COLORS, type Block, type Layout } from './pdf-layout';
import type { Sheet, SheetRecord, SheetStep, StatusTone } from './types';

/** The sections of the PDF sheet, each built from measured blocks (see pdf-layout.ts). */

const TONE: Record<StatusTone, { icon: string; color: string }> = {
  ok: { icon: '✔', color: '#176b35' },
  pending: { icon: '…', color: '#8a6d00' },
  warning: { icon: '!', color: '#8a4b00' },
  failing: { icon: '✖', color: '#a11b1b' },
  error: { icon: '!', color: '#a11b1b' },
  unknown: { icon: '?', color: COLORS.muted },
};

function heading(L: Layout, title: string): Block {
  const text = L.text(title, L.left, L.width, { font: 'sansBold', size: 12, color: COLORS.accent });
  return L.stack([L.shape(10), text, L.shape(4)]);
}

/** A heading never ends a page alone: it travels with the first block of its section. */
function section(L: Layout, title: string, first: Block, spaceAfter = 6): void {
  L.place(L.stack([heading(L, title), first]), spaceAfter);
}

function status(L: Layout, r: SheetRecord, x: number, width: number, size = 8.5): Block {
  const t = TONE[r.status.tone];
  return L.text(`${t.icon} ${r.status.label}`, x, width, { size, color: t.color, font: 'sansBold' });
}

export function header(L: Layout, sheet: Sheet): void {
  const right = L.left + L.width * 0.45;
  const rightWidth = L.width * 0.55;
  const meta = [
    `for ${sheet.tenant.name} (${sheet.tenant.domain})${sheet.tenant.contactName ? `, attention of ${sheet.tenant.contactName}` : ''}`,
    sheet.optionLabel,
    `${sheet.records.length ? `DNS host: ${sheet.provider.name} · ` : ''}generated ${sheet.generatedLabel}`,
  ].join('\n');
  const metaBlock: Block = (() => {
    const b = L.text(meta, right, rightWidth, { size: 8, color: COLORS.muted });
    return {
      height: b.height,
      draw: (y) => {
        L.doc.font(L.fonts.sans).fontSize(8).fillColor(COLORS.muted).text(meta, right, y, { width: rightWidth, align: 'right', lineGap: 1.5 });
      },
    };
  })();
  const vendor = L.text(sheet.vendorName, L.left, L.width * 0.45 - 10, { font: 'sansBold', size: 16, color: COLORS.accent });
  L.place(L.row([vendor, metaBlock]), 6);
  L.place(
    L.shape(2, (y) => L.doc.rect(L.left, y, L.width, 2).fill(COLORS.accent)),
    12,
  );
  L.place(L.text(sheet.title, L.left, L.width, { font: 'sansBold', size: 15 }), 8);
  for (const p of sheet.intro) L.place(L.text(p, L.left, L.width, { lineGap: 2 }), 6);
}

/**
 * Zone on the left, one box per record on the right. Nothing is cut: the zone name shrinks to fit its box (and
 * wraps when even 6 pt is too wide), and each record box has two full-width lines, "TYPE host" then what the
 * record does (a CNAME's whole target), because the names are exactly what the customer must type.
 */
function diagram(L: Layout, sheet: Sheet): Block {
  const rowH = 36;
  const zoneW = 130;
  const gapW = 30;
  const boxX = L.left + zoneW + gapW;
  const boxW = L.width - zoneW - gapW;
  const height = sheet.records.length * rowH;
  return {
    height,
    draw: (y) => {
      const doc = L.doc;
      const zoneH = 40;
      const zoneY = y + (height - 6 - zoneH) / 2;
      doc.roundedRect(L.left, zoneY, zoneW, zoneH, 4).fill(COLORS.accent);
      doc
        .font(L.fonts.sans)
        .fontSize(7)
        .fillColor(COLORS.white)
        .text('DNS zone', L.left, zoneY + 5, { width: zoneW, align: 'center', lineBreak: false });
      const natural = doc.font(L.fonts.sansBold).fontSize(9).widthOfString(sheet.zone);
      const size = Math.max(6, Math.min(9, (9 * (zoneW - 8)) / Math.max(natural, 1)));
      doc
        .font(L.fonts.sansBold)
        .fontSize(size)
        .text(sheet.zone, L.left + 4, zoneY + 16, { width: zoneW - 8, align: 'center', lineBreak: true, height: zoneH - 18 });
      sheet.records.forEach((r, i) => {
        const top = y + i * rowH;
        const mid = top + (rowH - 6) / 2;
        doc
          .moveTo(L.left + zoneW, zoneY + zoneH / 2)
          .bezierCurveTo(L.left + zoneW + gapW / 2, zoneY + zoneH / 2, boxX - gapW / 2, mid, boxX - 4, mid)
          .lineWidth(1)
          .stroke(COLORS.accent);
        doc.polygon([boxX - 5, mid - 3], [boxX, mid], [boxX - 5, mid + 3]).fill(COLORS.accent);
        doc
          .roundedRect(boxX, top, boxW, rowH - 6, 3)
          .lineWidth(0.8)
          .stroke(COLORS.accent);
        const what = r.type === 'CNAME' ? `${r.label}: points to ${r.value}` : r.label;
        fitLine(L, `${r.type}  ${r.host}`, boxX + 6, top + 4, boxW - 12, { font: L.fonts.sansBold, size: 8, color: COLORS.ink });
        fitLine(L, what, boxX + 6, top + 16, boxW - 12, { font: L.fonts.sans, size: 7.5, color: COLORS.muted });
      });
    },
  };
}

/** One line that shrinks (down to 5.5 pt) rather than being cut with an ellipsis. */
function fitLine(L: Layout, text: string, x: number, y: number, width: number, o: { font: string; size: number; color: string }): void {
  const natural = L.doc.font(o.font).fontSize(o.size).widthOfString(text);
  const size = natural <= width ? o.size : Math.max(5.5, (o.size * width) / natural);
  L.doc.font(o.font).fontSize(size).fillColor(o.color).text(text, x, y, { width, lineBreak: false, height: 11 });
}

function recordsTable(L: Layout, sheet: Sheet): Block {
  const w = L.width;
  const cols = { n: 16, type: 44, host: 0.28 * w, fqdn: 0, ttl: 30, status: 92 };
  cols.fqdn = w - cols.n - cols.type - cols.host - cols.ttl - cols.status;
  const xs = { n: L.left, type: L.left + cols.n, host: L.left + cols.n + cols.type, fqdn: 0, ttl: 0, status: 0 };
  xs.fqdn = xs.host + cols.host;
  xs.ttl = xs.fqdn + cols.fqdn;
  xs.status = xs.ttl + cols.ttl;
  const h = (t: string, x: number, width: number) => L.text(t, x, width - 6, { size: 7.5, font: 'sansBold', color: COLORS.muted });
  const rule = L.shape(0.6, (y) => L.doc.rect(L.left, y, w, 0.6).fill(COLORS.line));
  const head = L.row(
    [
      h('#', xs.n, cols.n),
      h('Type', xs.type, cols.type),
      h(`Host (type this in ${sheet.provider.name})`, xs.host, cols.host),
      h('Full name', xs.fqdn, cols.fqdn),
      h('TTL', xs.ttl, cols.ttl),
      h('Status', xs.status, cols.status),
    ],
    3,
  );
  const rows = sheet.records.map((r) =>
    L.row(
      [
        L.text(String(r.n), xs.n, cols.n - 4, { size: 8.5 }),
        L.text(r.type, xs.type, cols.type - 4, { size: 8.5, font: 'sansBold' }),
        r.enterHost === ''
          ? L.text('(leave empty)', xs.host, cols.host - 6, { size: 8, color: COLORS.muted })
          : L.mono(r.enterHost, xs.host, cols.host - 6, { size: 7.5 }),
        L.mono(r.fqdn, xs.fqdn, cols.fqdn - 6, { size: 7.5 }),
        L.text(String(r.ttl), xs.ttl, cols.ttl - 4, { size: 8.5 }),
        status(L, r, xs.status, cols.status),
      ],
      4,
    ),
  );
  return L.stack([head, rule, ...rows.flatMap((row) => [row, rule])]);
}

function kv(L: Layout, label: string, value: Block, x: number): Block {
  return L.row([L.text(label, x, 92, { size: 8, font: 'sansBold', color: COLORS.muted }), value], 2);
}

function recordCard(L: Layout, sheet: Sheet, r: SheetRecord): Block {
  const pad = 10;
  const x = L.left + pad;
  const inner = L.width - 2 * pad;
  const vx = x + 96;
  const vw = inner - 96;
  const rows: Block[] = [
    L.text(`Record ${r.n} · ${r.label}`, x, inner, { font: 'sansBold', size: 10.5, color: COLORS.accent }),
    L.text(r.purpose, x, inner, { size: 8.5, color: COLORS.muted }),
    L.shape(3),
    kv(L, 'Type', L.mono(r.type, vx, vw), x),
    kv(L, `Host (${sheet.provider.name})`, r.enterHost === '' ? L.text('(leave the box empty)', vx, vw, { size: 8.5 }) : L.mono(r.enterHost, vx, vw), x),
  ];
  if (r.enterHost !== r.host) rows.push(kv(L, 'Short name', L.mono(r.host, vx, vw), x));
  rows.push(kv(L, 'Full name', L.mono(r.fqdn, vx, vw), x));
  if (!r.inTenantZone) rows.push(kv(L, 'DNS zone', L.mono(r.zone, vx, vw), x));
  rows.push(kv(L, 'TTL', L.text(`${r.ttl} seconds (1 hour)`, vx, vw, { size: 8.5 }), x));
  rows.push(
    kv(
      L,
      'Value',
      L.stack([L.mono(r.value, vx, vw, { boxed: true }), L.text('Copy it in one piece, without line breaks.', vx, vw, { size: 7, color: COLORS.muted })], 2),
      x,
    ),
  );
  if (r.enterValue !== r.value) {
    rows.push(kv(L, `As ${sheet.provider.name} wants it`, L.mono(r.enterValue, vx, vw, { boxed: true }), x));
  }
  const st: Block[] = [status(L, r, vx, vw)];
  if (r.status.detail) st.push(L.text(r.status.detail, vx, vw, { size: 8 }));
  if (r.status.observed !== undefined) st.push(L.text('We saw:', vx, vw, { size: 7.5, color: COLORS.muted }), L.mono(r.status.observed, vx, vw, { size: 7.5 }));
  rows.push(kv(L, 'Status', L.stack(st, 2), x));
  return L.box(L.stack(rows, 1), L.left, L.width, { pad, stroke: COLORS.line });
}

function step(L: Layout, s: SheetStep, i: number): Block {
  const x = L.left + 22;
  const w = L.width - 22;
  const parts: Block[] = [L.text(s.text, x, w)];
  for (const f of s.fields) {
    const value = f.literal ? L.mono(f.value, x + 100, w - 100) : L.text(f.value, x + 100, w - 100, { size: 8.5 });
    parts.push(L.row([L.text(f.label, x + 8, 90, { size: 8, font: 'sansBold', color: COLORS.muted }), value], 1));
  }
  if (s.after) parts.push(L.text(s.after, x, w));
  const body = L.stack(parts, 2);
  const num = L.text(`${i + 1}.`, L.left, 20, { font: 'sansBold', size: 10, color: COLORS.accent });
  return L.row([num, body]);
}

function bullets(L: Layout, items: string[], x: number, width: number): Block {
  return L.stack(
    items.map((t) => L.row([L.text('•', x, 10, { color: COLORS.accent }), L.text(t, x + 12, width - 12)])),
    4,
  );
}

export function body(L: Layout, sheet: Sheet): void {
  if (sheet.records.length) {
    section(L, 'Records to add', diagram(L, sheet), 10);
    L.place(recordsTable(L, sheet), 10);
    for (const r of sheet.records) L.place(recordCard(L, sheet, r), 8);
  }
  const steps = sheet.steps.map((s, i) => step(L, s, i));
  steps.forEach((b, i) => (i === 0 ? section(L, 'Steps', b) : L.place(b, 6)));

  const checks = sheet.verify.checks.map((c) =>
    L.stack(
      [
        L.text(`Record ${c.record}`, L.left, L.width, { font: 'sansBold', size: 8.5 }),
        L.box(L.stack([L.mono(c.dig, L.left + 6, L.width - 12), L.mono(c.nslookup, L.left + 6, L.width - 12)]), L.left, L.width, {
          pad: 5,
          fill: COLORS.soft,
          stroke: COLORS.line,
        }),
        L.row([L.text('Expected answer:', L.left, 90, { size: 8, color: COLORS.muted }), L.mono(c.expect, L.left + 90, L.width - 90)]),
      ],
      3,
    ),
  );
  section(L, 'Check it', L.text(sheet.verify.intro, L.left, L.width));
  for (const c of checks) L.place(c, 6);
  L.place(L.text(sheet.verify.weConfirm, L.left, L.width), 10);

  const dontInner = L.stack(
    [L.text("Please don't", L.left + 14, L.width - 24, { font: 'sansBold', size: 11, color: '#8a4b00' }), bullets(L, sheet.doNot, L.left + 14, L.width - 24)],
    6,
  );
  L.place(L.box(dontInner, L.left, L.width, { pad: 10, fill: COLORS.warnBg, bar: COLORS.warnLine }), 6);

  if (sheet.senderRules) {
    const items = sheet.senderRules.items.map((r) => `${r.title}: ${r.reason}${r.fix ? ` To fix: ${r.fix}` : ''}`);
    section(L, "Mailbox providers' rules", L.stack([L.text(sheet.senderRules.intro, L.left, L.width), bullets(L, items, L.left, L.width)], 4));
  }
  if (sheet.notes.length) section(L, 'Notes', bullets(L, sheet.notes, L.left, L.width));
  section(L, 'To undo', L.stack([L.text(sheet.undo.intro, L.left, L.width), bullets(L, sheet.undo.items, L.left, L.width)], 4));
}
