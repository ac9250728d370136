import { unicodeDomain } from '../../src-preload/api/domain-input';
import type { PostmarkMessage } from '../postmark/types';
import { esc } from './render-html';
import type { Sheet } from './types';

export interface SheetEmailInput {
  sheet: Sheet;
  /** The standalone HTML sheet (render-html), used as the email's HTML body. */
  html: string;
  pdf: { fileName: string; body: Buffer };
  from: string;
  to: string;
  note?: string;
  tenantId: string;
}

/** Postmark tag of sheet emails: staff can find every sheet sent in Postmark's Activity by this tag. */
export const SHEET_EMAIL_TAG = 'dns-sheet';

/** A display name is safe in a From header once quotes and backslashes (and line breaks) are gone. */
function fromHeader(vendorName: string, address: string): string {
  const name = vendorName.replace(/["\\\r\n]/g, '').trim();
  return name ? `"${name}" <${address}>` : address;
}

/**
 * The email carrying a sheet: the HTML sheet is the body (the reader sees the instructions without opening
 * anything), the PDF is attached (to print or forward), and a short text body for clients that show no HTML.
 * The optional staff note goes on top, escaped: it is typed by a person and must not become markup.
 */
export function composeSheetEmail(input: SheetEmailInput): PostmarkMessage {
  const { sheet } = input;
  const note = input.note?.trim() ?? '';
  const noteHtml = note
    ? `<div style="border-left:4px solid #2563eb;padding:8px 12px;margin:0 0 16px;background:#eff6ff"><p style="margin:0 0 4px"><b>Note from ${esc(sheet.vendorName)}:</b></p>${note
        .split(/\r?\n/)
        .map((l) => `<p style="margin:0">${esc(l)}</p>`)
        .join('')}</div>`
    : '';
  // A replacer function, not a string: `$'`, `$\``, `$&` typed in the note must stay literal text.
  const html = note ? input.html.replace('<body><main>', () => `<body><main>${noteHtml}`) : input.html;
  const text = [
    `Hello,`,
    '',
    `${sheet.vendorName} is sending you the DNS instructions for ${unicodeDomain(sheet.tenant.domain)} (${sheet.tenant.name}): ${sheet.optionLabel}.`,
    ...(note ? ['', `Note from ${sheet.vendorName}:`, note] : []),
    '',
    `The full sheet is in this email and attached as ${input.pdf.fileName}, with every record to add, step by step, and how to check it.`,
    ...(sheet.records.length ? ['', 'Records:', ...sheet.records.map((r) => `${r.n}. ${r.type} ${r.fqdn}\n   ${r.value}`)] : []),
    '',
  ].join('\n');
  const message: PostmarkMessage = {
    From: fromHeader(sheet.vendorName, input.from),
    To: input.to,
    Subject: `DNS instructions for ${unicodeDomain(sheet.tenant.domain)} (${sheet.vendorName})`,
    HtmlBody: html,
    TextBody: text,
    Tag: SHEET_EMAIL_TAG,
    Metadata: { tenant: input.tenantId },
    MessageStream: 'outbound',
    Attachments: [{ Name: input.pdf.fileName, Content: input.pdf.body.toString('base64'), ContentType: 'application/pdf', ContentID: null }],
  };
  return message;
}
