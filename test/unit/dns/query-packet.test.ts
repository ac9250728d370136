import * as packet from 'dns-packet';
import { describe, expect, it } from 'vitest';
import { EDNS_UDP_SIZE, encodeQuery } from '../../../src-main/dns/query-packet';

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
