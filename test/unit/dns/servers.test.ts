import { describe, expect, it } from 'vitest';
import { liveLookup } from '../../../src-main/dmarc/published-record';
import { resolvePtrs } from '../../../src-main/dmarc/ptr';
import { chooseDnsServers, setResolverServers } from '../../../src-main/dns/servers';
import { openLedger } from '../../../src-main/ledger/open';
import { nsLookup } from '../../../src-main/sheets/ns-provider';

describe('dns/servers: the one server choice', () => {
  it('asks the call’s own list first, then BEHALF_DNS_SERVERS, then the setting; nothing = the OS', () => {
    const env = { BEHALF_DNS_SERVERS: ' 127.0.0.1:5300, ,127.0.0.2:5300' };
    expect(chooseDnsServers(env, ['9.9.9.9'], ['1.1.1.1'])).toEqual(['1.1.1.1']);
    expect(chooseDnsServers(env, ['9.9.9.9'])).toEqual(['127.0.0.1:5300', '127.0.0.2:5300']);
    expect(chooseDnsServers({}, ['9.9.9.9'])).toEqual(['9.9.9.9']);
    expect(chooseDnsServers({ BEHALF_DNS_SERVERS: '' }, [])).toEqual([]);
  });

  it('refuses port 0 and ports above 65535 before c-ares sees them (port 0 aborts the process)', () => {
    const seen: string[][] = [];
    const r = { setServers: (s: readonly string[]) => void seen.push([...s]) };
    for (const bad of ['127.0.0.1:0', '127.0.0.1:70000', '[::1]:0', '127.0.0.1:x']) {
      expect(() => setResolverServers(r, [bad])).toThrow(expect.objectContaining({ code: 'dns.bad-server' }));
    }
    expect(seen).toEqual([]);
    setResolverServers(r, ['127.0.0.1:5353', '[::1]:53', '1.1.1.1']);
    expect(seen).toEqual([['127.0.0.1:5353', '[::1]:53', '1.1.1.1']]);
  });

  // Before issue 16 these three set their servers on their own and skipped the check: each would have aborted.
  it('runs the port check in the sheet NS lookup, the PTR lookups and the live DMARC lookup', async () => {
    await expect(nsLookup(['127.0.0.1:0'])('acme.test')).rejects.toMatchObject({ code: 'dns.bad-server' });
    const db = openLedger(':memory:');
    await expect(resolvePtrs(db, ['192.0.2.1'], { servers: ['127.0.0.1:0'] })).rejects.toMatchObject({ code: 'dns.bad-server' });
    db.close();
    const live = await liveLookup('acme.test', ['127.0.0.1:0']);
    expect(live.record).toBeNull();
    expect(live.error).toMatch(/dns\.bad-server/);
  });
});
