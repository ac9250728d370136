import * as packet from 'dns-packet';
import * as rcodes from 'dns-packet/rcodes.js';

/**
 * The bulk transport's packets (issue #17, P2): dns-packet's codecs for the parts, without its general encoder and
 * decoder, which handle every section of every packet for every question of a bulk run.
 */

/** What c-ares advertises by default (the DNS flag day 2020 size): answers up to it come over UDP. */
export const EDNS_UDP_SIZE = 1232;

/** dns-packet's codecs for one question and one resource record; its type declarations leave them out. */
const codecs = packet as unknown as {
  question: {
    encode: { (q: packet.Question, buf: Buffer, offset: number): unknown; bytes: number };
    encodingLength(q: packet.Question): number;
    decode: { (buf: Buffer, offset: number): packet.Question; bytes: number };
  };
  answer: { encode(a: packet.Answer): Buffer; decode: { (buf: Buffer, offset: number): packet.Answer; bytes: number } };
};

/** The OPT pseudo-record of an EDNS0 query, encoded once: it is the same on every query. */
const OPT_RECORD: Buffer = codecs.answer.encode({
  type: 'OPT',
  name: '.',
  udpPayloadSize: EDNS_UDP_SIZE,
  extendedRcode: 0,
  ednsVersion: 0,
  flags: 0,
  flag_do: false,
  options: [],
} as packet.Answer);

/**
 * One recursive query (id 0; the transport writes each try's id), byte for byte what
 * `packet.encode({ type: 'query', id: 0, flags: RECURSION_DESIRED, questions: [q], additionals: [OPT] })` makes.
 * Issue #17, P2: that general encoder walked the whole packet twice (its length, then its bytes) and zero-filled a
 * new buffer for every question of a bulk run. Here dns-packet still encodes the question; the 12-byte header is
 * written directly and the OPT record is copied. A 10,000-tenant bulk check asks 2.5–4 % more questions a second
 * (medians 30,335 / 29,284 against 29,110 / 28,564 q/s, two sets of eight interleaved runs). Throws where
 * `packet.encode` would, since the same codec encodes the question.
 */
export function encodeQuery(name: string, type: packet.RecordType, edns: boolean): Buffer {
  const question: packet.Question = { name, type, class: 'IN' };
  const questionLength = codecs.question.encodingLength(question);
  const opt = edns ? OPT_RECORD.length : 0;
  const buf = Buffer.allocUnsafe(12 + questionLength + opt);
  buf.writeUInt16BE(0, 0); // id
  buf.writeUInt16BE(packet.RECURSION_DESIRED, 2); // flags: a query (QR 0, opcode 0) asking for recursion
  buf.writeUInt16BE(1, 4); // QDCOUNT
  buf.writeUInt16BE(0, 6); // ANCOUNT
  buf.writeUInt16BE(0, 8); // NSCOUNT
  buf.writeUInt16BE(edns ? 1 : 0, 10); // ARCOUNT
  codecs.question.encode(question, buf, 12);
  // What was written, not what was reckoned: dns-packet reckons one byte too many for an empty name, and its own
  // encoder cuts the buffer to what it wrote.
  const end = 12 + codecs.question.encode.bytes;
  if (edns) OPT_RECORD.copy(buf, end);
  return end + opt === buf.length ? buf : buf.subarray(0, end + opt);
}

/** An answer packet, as much of it as the bulk checks read (wire-transport.ts, wire-resolver.ts). */
export interface WireResponse {
  type: 'query' | 'response';
  /** TC: the answer did not fit; the question is asked again over TCP. */
  flag_tc: boolean;
  /** dns-packet's name for the rcode: NOERROR, NXDOMAIN, SERVFAIL, … */
  rcode: string;
  questions: packet.Question[];
  answers: packet.Answer[];
}

/** The header's QR bit: set on an answer (dns-packet keeps its own constant to itself). */
const QR_RESPONSE = 1 << 15;

/**
 * Decodes the header, the question and the answer section, as `packet.decode` would (the same codecs, the same
 * names and values). The authority and additional sections are not decoded: nothing reads them (an NXDOMAIN's SOA,
 * the server's OPT record), and decoding them was a share of every answer's cost: a 10,000-tenant bulk check asks
 * 8–9 % more questions a second without (medians 34,052 / 34,225 against 31,576 / 31,488 q/s, two sets of eight
 * interleaved runs, every pair faster). So a packet malformed only there is read, where `packet.decode` threw and
 * the try waited for another answer. Throws on a packet too short for its header, question or answers.
 */
export function decodeResponse(buf: Buffer): WireResponse {
  if (buf.length < 12) throw new Error('Header must be 12 bytes');
  const flags = buf.readUInt16BE(2);
  const questions: packet.Question[] = new Array(buf.readUInt16BE(4));
  const answers: packet.Answer[] = new Array(buf.readUInt16BE(6));
  let offset = 12;
  for (let i = 0; i < questions.length; i++) {
    questions[i] = codecs.question.decode(buf, offset);
    offset += codecs.question.decode.bytes;
  }
  for (let i = 0; i < answers.length; i++) {
    answers[i] = codecs.answer.decode(buf, offset);
    offset += codecs.answer.decode.bytes;
  }
  return {
    type: flags & QR_RESPONSE ? 'response' : 'query',
    flag_tc: (flags & packet.TRUNCATED_RESPONSE) !== 0,
    rcode: rcodes.toString(flags & 0xf), // the header's 4-bit RCODE
    questions,
    answers,
  };
}
