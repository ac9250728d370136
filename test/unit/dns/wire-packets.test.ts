import * as packet from 'dns-packet';
import { describe, expect, it } from 'vitest';
import { decodeResponse, EDNS_UDP_SIZE, encodeQuery } from '../../../src-main/dns/wire-packets';

/** What the bulk transport sent before (dns-packet's general encoder): the query must stay byte for byte the same. */
function viaPacketEncode(name: string, type: packet.RecordType, edns: boolean): Buffer {
  const q: packet.Packet = { type: 'query', id: 0, flags: packet.RECURSION_DESIRED, questions: [{ name, type, class: 'IN' }] };
  if (edns)
    q.additionals = [{ type: 'OPT', name: '.', udpPayloadSize: EDNS_UDP_SIZE, extendedRcode: 0, ednsVersion: 0, flags: 0, flag_do: false, options: [] }];
  return packet.encode(q);
}

const NAMES = [
  'acme.example',
  'pm._domainkey.acme.example',
  '_dmarc.Acme.Example.',
  'pm-bounces.acme.example',
  `${'a'.repeat(63)}.example`,
  'xn--bcher-kva.example',
  'a..b',
  '.',
  '',
];
const TYPES: packet.RecordType[] = ['TXT', 'CNAME', 'MX', 'A', 'AAAA', 'NS', 'SOA', 'PTR'];

describe('encodeQuery', () => {
  it('makes the same bytes as dns-packet’s encoder, with and without EDNS, for every name and type the checks ask', () => {
    for (const name of NAMES) {
      for (const type of TYPES) {
        for (const edns of [true, false]) expect(encodeQuery(name, type, edns), `${name} ${type} ${edns}`).toEqual(viaPacketEncode(name, type, edns));
      }
    }
  });

  it('is a recursive query with one question, decoded back as asked', () => {
    const decoded = packet.decode(encodeQuery('pm._domainkey.acme.example', 'TXT', true));
    expect(decoded).toMatchObject({
      type: 'query',
      id: 0,
      flags: packet.RECURSION_DESIRED,
      questions: [{ name: 'pm._domainkey.acme.example', type: 'TXT', class: 'IN' }],
    });
    expect(decoded.additionals).toMatchObject([{ type: 'OPT', udpPayloadSize: EDNS_UDP_SIZE }]);
    expect(packet.decode(encodeQuery('acme.example', 'MX', false)).additionals).toEqual([]);
  });

  it('gives each query its own buffer (the transport writes each try’s id into it)', () => {
    const a = encodeQuery('acme.example', 'TXT', true);
    const b = encodeQuery('acme.example', 'TXT', true);
    a.writeUInt16BE(0xbeef, 0);
    expect(b.readUInt16BE(0)).toBe(0);
  });
});

/** Answer packets of every kind the bulk checks meet, encoded by dns-packet. */
function answerPacket(over: Partial<packet.Packet> & { rcodeBits?: number }): Buffer {
  const { rcodeBits = 0, ...rest } = over;
  const buf = packet.encode({
    type: 'response',
    id: 4242,
    flags: packet.RECURSION_DESIRED | packet.RECURSION_AVAILABLE,
    questions: [{ name: 'acme.example', type: 'TXT', class: 'IN' }],
    additionals: [{ type: 'OPT', name: '.', udpPayloadSize: 1232, extendedRcode: 0, ednsVersion: 0, flags: 0, flag_do: false, options: [] }],
    ...rest,
  });
  buf.writeUInt16BE(buf.readUInt16BE(2) | rcodeBits, 2); // dns-packet's encoder has no rcode field
  return buf;
}

const SOA: packet.Answer = {
  type: 'SOA',
  name: 'acme.example',
  ttl: 300,
  data: { mname: 'ns1.acme.example', rname: 'hostmaster.acme.example', serial: 1, refresh: 3600, retry: 600, expire: 86400, minimum: 300 },
};

const PACKETS: Record<string, Buffer> = {
  'TXT answers': answerPacket({
    answers: [
      { type: 'TXT', name: 'acme.example', ttl: 300, data: ['v=spf1 include:spf.mtasv.net ~all'] },
      { type: 'TXT', name: 'acme.example', ttl: 300, data: ['google-site-verification=abc', 'second string'] },
    ],
  }),
  'a CNAME chain': answerPacket({
    questions: [{ name: 'pm-bounces.acme.example', type: 'CNAME', class: 'IN' }],
    answers: [{ type: 'CNAME', name: 'pm-bounces.acme.example', ttl: 60, data: 'pm.mtasv.net' }],
  }),
  'MX answers': answerPacket({
    questions: [{ name: 'acme.example', type: 'MX', class: 'IN' }],
    answers: [{ type: 'MX', name: 'acme.example', ttl: 60, data: { preference: 10, exchange: 'mx.acme.example' } }],
  }),
  'NXDOMAIN with its SOA': answerPacket({ authorities: [SOA], rcodeBits: 3 }),
  'no data, with its SOA': answerPacket({ authorities: [SOA] }),
  'truncated (TC)': answerPacket({ flags: packet.TRUNCATED_RESPONSE | packet.RECURSION_DESIRED }),
  SERVFAIL: answerPacket({ rcodeBits: 2 }),
  'FORMERR, no OPT': answerPacket({ additionals: [], rcodeBits: 1 }),
  'a query, not an answer': encodeQuery('acme.example', 'TXT', true),
};

describe('decodeResponse', () => {
  it('reads what packet.decode reads, for every kind of answer the checks meet', () => {
    for (const [kind, buf] of Object.entries(PACKETS)) {
      const full = packet.decode(buf) as packet.DecodedPacket & { rcode: string };
      expect(decodeResponse(buf), kind).toEqual({
        type: full.type,
        flag_tc: full.flag_tc,
        rcode: full.rcode,
        questions: full.questions,
        answers: full.answers,
      });
    }
    expect(decodeResponse(PACKETS['NXDOMAIN with its SOA']!).rcode).toBe('NXDOMAIN');
    expect(decodeResponse(PACKETS['truncated (TC)']!).flag_tc).toBe(true);
  });

  it('throws on a packet cut short in its header or answers, as packet.decode does', () => {
    const txt = PACKETS['TXT answers']!;
    for (const cut of [txt.subarray(0, 11), txt.subarray(0, 40)]) {
      expect(() => packet.decode(cut)).toThrow();
      expect(() => decodeResponse(cut)).toThrow();
    }
  });
});
