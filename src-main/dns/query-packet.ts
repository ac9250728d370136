import * as packet from 'dns-packet';

/** What c-ares advertises by default (the DNS flag day 2020 size): answers up to it come over UDP. */
export const EDNS_UDP_SIZE = 1232;

/** dns-packet's codecs for one question and one resource record; its type declarations leave them out. */
const codecs = packet as unknown as {
  question: { encode: { (q: packet.Question, buf: Buffer, offset: number): unknown; bytes: number }; encodingLength(q: packet.Question): number };
  answer: { encode(a: packet.Answer): Buffer };
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
