/** The shape of one DMARC aggregate report, as read from either schema. */

export type ReportSchema = 'rfc7489' | 'rfc9990';

/** RFC 9990's namespace. RFC 7489 reports have none (or the old draft's `http://dmarc.org/dmarc-xml/0.1`). */
export const DMARC_2_NS = 'urn:ietf:params:xml:ns:dmarc-2.0';

export interface PolicyPublished {
  domain: string;
  p?: string;
  sp?: string;
  np?: string;
  adkim?: string;
  aspf?: string;
  /** RFC 7489 only. */
  pct?: number;
  fo?: string;
  /** RFC 9990: `y` when the record had t=y. */
  testing?: string;
  /** RFC 9990: `psl` or `treewalk`. */
  discoveryMethod?: string;
}

export interface ReportHeader {
  schema: ReportSchema;
  version?: string;
  org: string;
  email: string;
  reportId: string;
  /** Unix seconds, UTC. */
  begin: number;
  end: number;
  generator?: string;
  errors: string[];
  policy: PolicyPublished;
}

export interface DkimAuth {
  domain: string;
  selector: string;
  result: string;
}

export interface SpfAuth {
  domain: string;
  scope: string;
  result: string;
}

export interface ReportRow {
  sourceIp: string;
  count: number;
  disposition: string;
  /** policy_evaluated: the DMARC-aligned results, `pass` or `fail`. */
  dkim: string;
  spf: string;
  reasons: string[];
  headerFrom: string;
  envelopeFrom: string;
  envelopeTo: string;
  dkimAuth: DkimAuth[];
  spfAuth: SpfAuth[];
}
