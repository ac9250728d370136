import { createRequire } from 'node:module';
import { isIP } from 'node:net';
import type { SaxesTagNS } from 'saxes';
import { BehalfError } from '../../../src-preload/api/errors';
import { importError } from './errors';
import { lastCloseTagEnd, repairLeaves } from './leaf-repair';
import { buildHeader } from './report-header';
import {
  closeReason,
  emptyRow,
  pushDkim,
  pushReason,
  pushSpf,
  noteRowFlags,
  ROW_DRAFT,
  INCOMPLETE,
  isPlain,
  scanRecord,
  type ScannedRecord,
  token,
  type RowDraft,
} from './record-scanner';
import { RepairLog } from './repairs';
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
  ...['source_ip', 'count', 'policy_evaluated/disposition', 'policy_evaluated/dkim', 'policy_evaluated/spf', 'policy_evaluated/reason/type'].map(
    (l) => `feedback/record/row/${l}`,
  ),
  ...['header_from', 'envelope_from', 'envelope_to'].map((l) => `feedback/record/identifiers/${l}`),
  ...['dkim/domain', 'dkim/selector', 'dkim/result', 'spf/domain', 'spf/scope', 'spf/result'].map((l) => `feedback/record/auth_results/${l}`),
]);

const R = 'feedback/record/';

/**
 * saxes is CommonJS. Imported from an ES module, Node first scans its 74 KB for export names, and that scan cost each
 * import thread a ~45 ms JIT compile of Node's scanner (issue #17); `require` loads it without the scan.
 */
const { SaxesParser } = createRequire(import.meta.url)('saxes') as typeof import('saxes');

/** saxes' internal state for "in text content" (saxes 6: S_TEXT = 13). Only used to decide routing. */
const SAXES_TEXT_STATE = 13;
/** A record longer than this (real ones are ~0.5–2 KB) is not held back whole; saxes reads it as it comes. */
const FAST_RECORD_MAX = 1024 * 1024;
const isSpace = (c: number) => c === 32 || c === 10 || c === 9 || c === 13;
/** Text held back at most this long while waiting for a close tag (text values are capped at 1 MiB too). */
const MAX_HELD = 1024 * 1024;

/**
 * Where text for saxes may end while more is coming: after its last complete close tag, so a leaf is never split
 * between two pieces (the leaf repair judges each leaf whole), and never in its last 7 characters (they may
 * begin a `<record>`). `pos` (feed nothing yet) when there is no close tag, until MAX_HELD is waiting.
 */
function saxesCut(s: string, pos: number): number {
  const cut = lastCloseTagEnd(s, pos);
  if (cut > pos) return cut;
  return s.length - pos > MAX_HELD ? Math.max(pos, s.length - 7) : pos;
}

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
  private row: RowDraft = emptyRow();
  /** Text not yet parsed: held back while a `<record>` is incomplete (bounded by FAST_RECORD_MAX). */
  private pending = '';
  /** Where `scanRecord` leaves the record it read. */
  private readonly scanned: ScannedRecord = { draft: emptyRow() };
  private recordIndex = 0;
  private sawRoot = false;
  /** Open elements around <feedback> (e.g. an <xs:schema> some reporters wrap it in), before and after it. */
  private wrapDepth = 0;
  private feedbackDone = false;

  constructor(
    private readonly handlers: ReportParserHandlers,
    private readonly maxTextChars = 1024 * 1024,
    /** Where what was tolerated is noted (see repairs.ts). */
    readonly repairs: RepairLog = new RepairLog(),
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
    // Joined, not `+`: a `+` makes a rope (ConsString) that V8 flattens behind one more indirection, and every
    // indexOf, startsWith and charCodeAt of the record scanner then pays for it — ~12% of its time (issue #17).
    // `join` copies both into one flat string at once (the held rest is at most a record or two, usually).
    this.pending = this.pending === '' ? chunk : [this.pending, chunk].join('');
    this.pump(false);
    // saxes buffers a text node until it ends; keep one giant node from filling memory meanwhile.
    const pending = (this.sax as unknown as { text?: unknown }).text;
    if (typeof pending === 'string' && pending.length > this.maxTextChars) {
      throw importError('dmarc.too-large', `A single text value is longer than ${this.maxTextChars} characters.`);
    }
  }

  end(): ReportHeader {
    this.pump(true);
    this.guard(() => {
      try {
        this.sax.close();
      } catch (err) {
        // <feedback> ended whole but its wrapper was never closed (IKEA's <xs:schema>): nothing of the report is missing.
        if (!(this.feedbackDone && this.wrapDepth > 0 && /unclosed tag/.test(String(err)))) throw err;
        this.repairs.add(
          'dmarc.repair.wrapped-root',
          `<feedback> was wrapped in a <${this.wrapperName}> element that is never closed; the wrapper was ignored.`,
        );
      }
    }, true);
    if (!this.sawRoot) {
      throw importError('dmarc.not-a-report', `The document's root element is <${this.wrapperName}>, and no <feedback> element is inside it.`);
    }
    return buildHeader(this.header, this.errors, this.rootUri, this.repairs);
  }

  /** The header as read so far (what the end would return if the document ended here); throws while incomplete. */
  headerSoFar(): ReportHeader {
    return buildHeader(this.header, [...this.errors], this.rootUri, new RepairLog());
  }

  /**
   * Routes text between two readers. Records (nearly all of a report) go to `scanRecord`, a lean reader of the
   * plain XML real reports use, when saxes stands right inside <feedback> between elements; everything else —
   * the header, extensions, and any record the fast reader declines — goes to saxes, which stays the judge of
   * well-formedness. Records are only cut at `</record>`, so a record is read by one reader or the other, whole.
   */
  private pump(final: boolean): void {
    const s = this.pending;
    const len = s.length;
    let pos = 0;
    // Nearly every piece is plain text (record-scanner.ts): then one test here spares one per record.
    let plain: boolean | undefined;
    while (pos < len) {
      if (this.atRecordLevel()) {
        while (pos < len && isSpace(s.charCodeAt(pos))) pos++;
        if (pos === len) break;
        if (s.startsWith('<record>', pos)) {
          const end = scanRecord(s, pos, this.maxTextChars, this.scanned);
          if (end > 0) plain ??= isPlain(s);
          if (end > 0 && (plain || isPlain(s.slice(pos, end)))) {
            this.row = this.scanned.draft;
            this.finishRow();
            pos = end;
            continue;
          }
          if (end === INCOMPLETE && !final && len - pos <= FAST_RECORD_MAX) break; // wait for the rest of it
          // Declined, or not plain: saxes reads it, up to its first </record> (or waits for one).
          const close = s.indexOf('</record>', pos + 8);
          if (close < 0 && !final && len - pos <= FAST_RECORD_MAX) break;
          if (close >= 0) {
            this.feedSax(s.slice(pos, close + 9));
            pos = close + 9;
            continue;
          }
        } else if (!final && len - pos < 8 && '<record>'.startsWith(s.slice(pos))) {
          break; // maybe the start of a record: wait
        }
      }
      // saxes' turn: up to the next record start (which it may then turn out to be inside of, e.g. a comment).
      const next = s.indexOf('<record>', pos + 1);
      const upTo = next >= 0 ? next : final ? len : saxesCut(s, pos);
      if (upTo === pos) break;
      this.feedSax(s.slice(pos, upTo));
      pos = upTo;
    }
    this.pending = pos === 0 ? s : s.slice(pos);
  }

  /** Directly inside <feedback>, outside any markup, so a `<record>` here really starts a record. */
  private atRecordLevel(): boolean {
    return this.sawRoot && this.skipDepth === 0 && this.path === 'feedback' && (this.sax as unknown as { state: number }).state === SAXES_TEXT_STATE;
  }

  /** Text for saxes, with unescaped leaf text escaped first (leaf-repair.ts); it never ends inside a leaf. */
  private feedSax(text: string): void {
    this.guard(() => this.sax.write(repairLeaves(text, this.repairs)), false);
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

  private wrapperName = '';

  private open(tag: SaxesTagNS): void {
    if (!this.sawRoot || this.feedbackDone) {
      // Outside <feedback>: a wrapper around it (tolerated and noted) until <feedback> itself opens.
      if (this.feedbackDone || tag.local !== 'feedback') {
        if (this.wrapDepth === 0 && !this.feedbackDone) this.wrapperName = tag.name;
        this.wrapDepth++;
        return;
      }
      this.sawRoot = true;
      this.rootUri = tag.uri;
      if (this.wrapDepth > 0) {
        this.repairs.add('dmarc.repair.wrapped-root', `<feedback> was wrapped in a <${this.wrapperName}> element, which was ignored.`);
      }
    }
    const ours = tag.uri === this.rootUri || tag.uri === '';
    if (this.skipDepth > 0 || !ours || (this.path === 'feedback' && tag.local === 'extension')) {
      this.skipDepth++; // extension elements (namespaced, or RFC 9990's <extension>) are skipped whole
      return;
    }
    let local = tag.local;
    if (this.path === 'feedback/record' && local === 'identities') {
      local = 'identifiers'; // the pre-RFC draft's name for the same element
      this.row.flags |= ROW_DRAFT;
    }
    this.path = this.path ? `${this.path}/${local}` : local;
    if (this.path === 'feedback/record') this.row = emptyRow();
    else if (this.path === `${R}row/policy_evaluated/reason`) this.row.reasonStart = this.row.reasons.length;
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
    if (this.path === '') {
      this.wrapDepth--; // a wrapper element (see open)
      return;
    }
    const path = this.path;
    if (this.capturing) this.leaf(path, this.text.trim());
    this.capturing = false;
    if (path === `${R}auth_results/dkim`) pushDkim(this.row);
    else if (path === `${R}auth_results/spf`) pushSpf(this.row);
    else if (path === 'feedback/record') this.finishRow();
    else if (path === 'feedback/report_metadata') this.metadataDone();
    else if (path === `${R}row/policy_evaluated/reason`) closeReason(this.row);
    else if (path === 'feedback') this.feedbackDone = true;
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
      case 'row/source_ip':
        row.sourceIp = lower;
        break;
      case 'row/count':
        row.countText = value;
        break;
      case 'row/policy_evaluated/disposition':
        row.disposition = token(row, value);
        break;
      case 'row/policy_evaluated/dkim':
        row.dkim = token(row, value);
        break;
      case 'row/policy_evaluated/spf':
        row.spf = token(row, value);
        break;
      case 'row/policy_evaluated/reason/type':
        pushReason(row, value);
        break;
      case 'identifiers/header_from':
        row.headerFrom = lower;
        break;
      case 'identifiers/envelope_from':
        row.envelopeFrom = lower;
        break;
      case 'identifiers/envelope_to':
        row.envelopeTo = lower;
        break;
      // auth_results entries fill a pending slot, pushed when their <dkim>/<spf> closes.
      case 'auth_results/dkim/domain':
        row.pendingDkim.domain = lower;
        break;
      case 'auth_results/dkim/selector':
        row.pendingDkim.selector = value;
        break;
      case 'auth_results/dkim/result':
        row.pendingDkim.result = token(row, value);
        break;
      case 'auth_results/spf/domain':
        row.pendingSpf.domain = lower;
        break;
      case 'auth_results/spf/scope':
        row.pendingSpf.scope = lower;
        break;
      case 'auth_results/spf/result':
        row.pendingSpf.result = token(row, value);
        break;
    }
  }

  private finishRow(): void {
    this.recordIndex++;
    const r = this.row;
    if (r.flags !== 0) noteRowFlags(this.repairs, r.flags, this.where());
    if (!r.sourceIp || isIP(r.sourceIp) === 0) {
      throw importError('dmarc.invalid-report', `${this.where()}: source_ip "${r.sourceIp}" is not an IP address.`);
    }
    if (!/^\d{1,15}$/.test(r.countText)) {
      throw importError('dmarc.invalid-report', `${this.where()}: count "${r.countText.slice(0, 40)}" is not a whole number.`);
    }
    this.callHandler(() =>
      this.handlers.onRow({
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
      }),
    );
  }

  /** The record just read, as notes and errors name it: made only when one is (not a string per record). */
  private where(): string {
    return `record ${this.recordIndex}`;
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
