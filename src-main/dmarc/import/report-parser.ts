import { isIP } from 'node:net';
import { SaxesParser, type SaxesTagNS } from 'saxes';
import { BehalfError } from '../../../src-preload/api/errors';
import { importError } from './errors';
import { buildHeader } from './report-header';
import type { ReportHeader, ReportRow } from './report-types';

export interface ReportParserHandlers {
  /** Called once report_metadata is complete; may throw to stop parsing (e.g. a known duplicate). */
  onMetadata?(meta: { org: string; reportId: string }): void;
  /** Called for every complete `<record>`, in order. Rows are not kept by the parser. */
  onRow(row: ReportRow): void;
}

/** Leaf elements whose text we keep; everything else is structure or ignored. */
const LEAVES = new Set([
  'feedback/version',
  ...['org_name', 'email', 'report_id', 'generator', 'error', 'date_range/begin', 'date_range/end'].map((l) => `feedback/report_metadata/${l}`),
  ...['domain', 'p', 'sp', 'np', 'adkim', 'aspf', 'pct', 'fo', 'testing', 'discovery_method'].map((l) => `feedback/policy_published/${l}`),
  ...['source_ip', 'count', 'policy_evaluated/disposition', 'policy_evaluated/dkim', 'policy_evaluated/spf', 'policy_evaluated/reason/type']
    .map((l) => `feedback/record/row/${l}`),
  ...['header_from', 'envelope_from', 'envelope_to'].map((l) => `feedback/record/identifiers/${l}`),
  ...['dkim/domain', 'dkim/selector', 'dkim/result', 'spf/domain', 'spf/scope', 'spf/result'].map((l) => `feedback/record/auth_results/${l}`),
]);

const R = 'feedback/record/';

/**
 * Streaming reader for one aggregate report (RFC 7489 appendix C or RFC 9990). Feed text with `write`,
 * finish with `end`, which returns the header. Memory stays flat: a row is handed to `onRow` and dropped.
 * Safety: any DOCTYPE is refused before the parser could act on it, and saxes itself never expands
 * entities beyond the five predefined ones, so "billion laughs" documents cannot grow.
 */
export class ReportXmlParser {
  private readonly sax = new SaxesParser({ xmlns: true });
  private path = '';
  private rootUri: string | undefined;
  private skipDepth = 0;
  private capturing = false;
  private text = '';
  private readonly header = new Map<string, string>();
  private readonly errors: string[] = [];
  private row = emptyRow();
  private recordIndex = 0;
  private sawRoot = false;

  constructor(
    private readonly handlers: ReportParserHandlers,
    private readonly maxTextChars = 1024 * 1024,
  ) {
    this.sax.on('doctype', () => {
      throw importError('dmarc.dtd-forbidden', 'The document declares a DOCTYPE (DTDs and entity declarations are refused).');
    });
    this.sax.on('opentag', (tag) => this.open(tag));
    this.sax.on('closetag', (tag) => this.close(tag));
    this.sax.on('text', (t) => this.append(t));
    this.sax.on('cdata', (t) => this.append(t));
  }

  write(chunk: string): void {
    // Refuse as soon as the DOCTYPE starts, not only once saxes has read all of it.
    if (!this.sawRoot && chunk.includes('<!DOCTYPE')) {
      throw importError('dmarc.dtd-forbidden', 'The document declares a DOCTYPE (DTDs and entity declarations are refused).');
    }
    this.guard(() => this.sax.write(chunk), false);
    // saxes buffers a text node until it ends; keep one giant node from filling memory meanwhile.
    const pending = (this.sax as unknown as { text?: unknown }).text;
    if (typeof pending === 'string' && pending.length > this.maxTextChars) {
      throw importError('dmarc.too-large', `A single text value is longer than ${this.maxTextChars} characters.`);
    }
  }

  end(): ReportHeader {
    this.guard(() => this.sax.close(), true);
    return buildHeader(this.header, this.errors, this.rootUri);
  }

  /**
   * saxes reports well-formedness errors as plain Errors; turn those into our codes, but let errors from our
   * own handlers (refusals, the database) through untouched.
   */
  private guard(run: () => void, atEnd: boolean): void {
    try {
      run();
    } catch (err) {
      if (err instanceof BehalfError || err === this.handlerError) throw err;
      const message = err instanceof Error ? err.message : String(err);
      if (/must contain a root element/.test(message)) throw importError('dmarc.not-a-report', 'The file holds no XML element at all.');
      if (atEnd && /unclosed tag|unexpected end/.test(message)) throw importError('dmarc.truncated', `The XML stops before the document ends (${message}).`);
      throw importError('dmarc.malformed-xml', `The XML is not well-formed: ${message}`);
    }
  }

  private open(tag: SaxesTagNS): void {
    if (!this.sawRoot) {
      this.sawRoot = true;
      if (tag.local !== 'feedback') throw importError('dmarc.not-a-report', `The root element is <${tag.name}>, not <feedback>.`);
      this.rootUri = tag.uri;
    }
    const ours = tag.uri === this.rootUri || tag.uri === '';
    if (this.skipDepth > 0 || !ours || this.path === 'feedback' && tag.local === 'extension') {
      this.skipDepth++; // extension elements (namespaced, or RFC 9990's <extension>) are skipped whole
      return;
    }
    this.path = this.path ? `${this.path}/${tag.local}` : tag.local;
    if (this.path === 'feedback/record') this.row = emptyRow();
    this.capturing = LEAVES.has(this.path);
    this.text = '';
  }

  private append(t: string): void {
    if (!this.capturing || this.skipDepth > 0) return;
    this.text += t;
    if (this.text.length > this.maxTextChars) {
      throw importError('dmarc.too-large', `<${this.path}> holds more than ${this.maxTextChars} characters.`);
    }
  }

  private close(_tag: SaxesTagNS): void {
    if (this.skipDepth > 0) {
      this.skipDepth--;
      return;
    }
    const path = this.path;
    if (this.capturing) this.leaf(path, this.text.trim());
    this.capturing = false;
    if (path === `${R}auth_results/dkim`) this.pushDkim();
    else if (path === `${R}auth_results/spf`) this.pushSpf();
    else if (path === 'feedback/record') this.finishRow();
    else if (path === 'feedback/report_metadata') this.metadataDone();
    this.path = path.slice(0, Math.max(0, path.lastIndexOf('/')));
  }

  private leaf(path: string, value: string): void {
    if (!path.startsWith(R)) {
      if (path === 'feedback/report_metadata/error') this.errors.push(value);
      else this.header.set(path, value);
      return;
    }
    const row = this.row;
    const lower = value.toLowerCase();
    switch (path.slice(R.length)) {
      case 'row/source_ip': row.sourceIp = lower; break;
      case 'row/count': row.countText = value; break;
      case 'row/policy_evaluated/disposition': row.disposition = lower; break;
      case 'row/policy_evaluated/dkim': row.dkim = lower; break;
      case 'row/policy_evaluated/spf': row.spf = lower; break;
      case 'row/policy_evaluated/reason/type': row.reasons.push(lower); break;
      case 'identifiers/header_from': row.headerFrom = lower; break;
      case 'identifiers/envelope_from': row.envelopeFrom = lower; break;
      case 'identifiers/envelope_to': row.envelopeTo = lower; break;
      // auth_results entries fill a pending slot, pushed when their <dkim>/<spf> closes.
      case 'auth_results/dkim/domain': row.pendingDkim.domain = lower; break;
      case 'auth_results/dkim/selector': row.pendingDkim.selector = value; break;
      case 'auth_results/dkim/result': row.pendingDkim.result = lower; break;
      case 'auth_results/spf/domain': row.pendingSpf.domain = lower; break;
      case 'auth_results/spf/scope': row.pendingSpf.scope = lower; break;
      case 'auth_results/spf/result': row.pendingSpf.result = lower; break;
    }
  }

  // RFC 9990 asks reporters for at most 100 signatures a row; more is kept out of memory and the ledger.
  private pushDkim(): void {
    if (this.row.dkimAuth.length < 100) this.row.dkimAuth.push(this.row.pendingDkim);
    this.row.pendingDkim = { domain: '', selector: '', result: '' };
  }

  private pushSpf(): void {
    if (this.row.spfAuth.length < 100) this.row.spfAuth.push(this.row.pendingSpf);
    this.row.pendingSpf = { domain: '', scope: '', result: '' };
  }

  private finishRow(): void {
    this.recordIndex++;
    const r = this.row;
    const where = `record ${this.recordIndex}`;
    if (!r.sourceIp || isIP(r.sourceIp) === 0) {
      throw importError('dmarc.invalid-report', `${where}: source_ip "${r.sourceIp}" is not an IP address.`);
    }
    if (!/^\d{1,15}$/.test(r.countText)) {
      throw importError('dmarc.invalid-report', `${where}: count "${r.countText.slice(0, 40)}" is not a whole number.`);
    }
    this.callHandler(() => this.handlers.onRow({
      sourceIp: r.sourceIp,
      count: Number(r.countText),
      disposition: r.disposition,
      dkim: r.dkim,
      spf: r.spf,
      reasons: r.reasons,
      headerFrom: r.headerFrom,
      envelopeFrom: r.envelopeFrom,
      envelopeTo: r.envelopeTo,
      dkimAuth: r.dkimAuth,
      spfAuth: r.spfAuth,
    }));
  }

  private handlerError: unknown;

  private callHandler(run: () => void): void {
    try {
      run();
    } catch (err) {
      this.handlerError = err;
      throw err;
    }
  }

  private metadataDone(): void {
    const org = this.header.get('feedback/report_metadata/org_name');
    const reportId = this.header.get('feedback/report_metadata/report_id');
    if (org && reportId) this.callHandler(() => this.handlers.onMetadata?.({ org, reportId }));
  }
}

interface RowDraft {
  sourceIp: string;
  countText: string;
  disposition: string;
  dkim: string;
  spf: string;
  reasons: string[];
  headerFrom: string;
  envelopeFrom: string;
  envelopeTo: string;
  dkimAuth: ReportRow['dkimAuth'];
  spfAuth: ReportRow['spfAuth'];
  pendingDkim: ReportRow['dkimAuth'][number];
  pendingSpf: ReportRow['spfAuth'][number];
}

function emptyRow(): RowDraft {
  return {
    sourceIp: '', countText: '', disposition: '', dkim: '', spf: '', reasons: [], headerFrom: '', envelopeFrom: '', envelopeTo: '',
    dkimAuth: [], spfAuth: [], pendingDkim: { domain: '', selector: '', result: '' }, pendingSpf: { domain: '', scope: '', result: '' },
  };
}
