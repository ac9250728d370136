import type { AuditEntry } from '../../../src-preload/api/tenants';
import { tenantStatusVerdict, type Tone } from '../../../src-preload/api/verdicts';

/** What each recorded action means, in a person's words (the ledger keeps the stable codes). */
const ACTION: Record<string, string> = {
  created: 'Tenant added',
  'option chosen': 'Option chosen',
  'option switched': 'Option switched',
  'option switch: removal queued': 'Postmark removal queued (option switch)',
  'postmark.provision': 'Provisioning started in Postmark',
  'postmark.succeeded': 'Postmark operation done',
  'postmark.failed': 'Postmark operation failed',
  'postmark.needs-attention': 'Postmark operation needs attention',
  'postmark.deprovision': 'Removed from Postmark',
  'postmark.linked': 'Linked to an existing Postmark object',
  'dns-check': 'DNS checked',
  'sheet.exported': 'DNS sheet exported',
  'sheet.exported-failed': 'DNS sheet export refused',
  'sheet.sent': 'DNS sheet emailed',
  'sheet.send-failed': 'DNS sheet email not sent',
  'sheet.send-unknown': 'DNS sheet email: outcome unknown',
  'sends.sent': 'Test send',
  'sends.sent-failed': 'Test send refused',
  'dmarc.record-chosen': 'DMARC record chosen for the sheet',
  'dmarc.record-replaced': 'DMARC record replaced in the sheet',
  'dmarc.record-cleared': 'DMARC record removed from the sheet',
};

const FIELD: Record<string, string> = {
  name: 'Name',
  domain: 'Domain',
  option: 'Sending option',
  status: 'Status',
  fromAddress: 'From address',
  fromName: 'From name',
  contactName: 'Contact name',
  contactEmail: 'Contact email',
  tags: 'Tags',
  notes: 'Notes',
  replyTo: 'Reply-To',
};

function value(field: string, v: string | null): string {
  if (v === null || v === '') return 'not set';
  if (field === 'status') return tenantStatusVerdict(v).word;
  if (field === 'option') return `option ${v}`;
  return v;
}

export interface ActivityLine {
  what: string;
  detail: string;
  tone: Tone | null;
}

/** One audit row as words: "Status changed from awaiting DNS to live", never "∅ → 1" or "postmark.succeeded". */
export function activityLine(e: AuditEntry): ActivityLine {
  const failed = /fail|refused|needs-attention|unknown/.test(e.action);
  const tone: Tone | null = failed ? (e.action.endsWith('unknown') ? 'warning' : 'failing') : null;
  if (e.field) {
    const name = FIELD[e.field] ?? e.field;
    const detail =
      e.oldValue === null || e.oldValue === '' ? `set to ${value(e.field, e.newValue)}` : `from ${value(e.field, e.oldValue)} to ${value(e.field, e.newValue)}`;
    return { what: `${name} changed`, detail, tone };
  }
  return { what: ACTION[e.action] ?? e.action.replace(/[._-]+/g, ' '), detail: e.newValue ?? '', tone };
}
