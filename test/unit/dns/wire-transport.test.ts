import dgram from 'node:dgram';
import dns from 'node:dns';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createDnsChecker } from '../../../src-main/dns/check-domain';
import { newResolver, wrap, type DnsClient, type ResolverLike } from '../../../src-main/dns/resolver';
import { createResolverPool } from '../../../src-main/dns/resolver-pool';
import { parseServer } from '../../../src-main/dns/servers';
import { WireResolver } from '../../../src-main/dns/wire-resolver';
import { CancelScope } from '../../../src-main/dns/cancel-scope';
import { createWireTransport, Outbox, type WireTransport } from '../../../src-main/dns/wire-transport';
import { startFixture, startNsd, startSilentDns, type FixtureServers, type NsdServer } from '../../support/nsd';
import { CAUSE_CASES, MAIN_ZONES, zone, type FixtureSetup } from '../../support/nsd/zoneFixtures';

// The bulk run's own UDP transport (wire-transport.ts) must give exactly what node:dns gives: every cause code
// through both paths against real nsd, every question kind on every name of the fixture zones, and a TXT set too
// big for UDP (TC bit → TCP).

const FIXED_NOW = () => new Date('2026-12-03T12:00:00Z');
const SETUPS: FixtureSetup[] = ['main', 'stale', 'split', 'silent'];

for (const setup of SETUPS) {
  describe(`cause codes: node:dns and the wire transport agree (${setup})`, () => {
    let fixture: FixtureServers;
    beforeAll(async () => {
      fixture = await startFixture(setup);
    });
    afterAll(async () => {
      await fixture?.stop();
    });
    for (const c of CAUSE_CASES.filter((x) => x.setup === setup)) {
      it(`${c.cause} on the ${c.kind} row`, async () => {
        const single = await createDnsChecker({ ...fixture.options, now: FIXED_NOW }).check(c.input);
        const wire = createDnsChecker({ ...fixture.options, now: FIXED_NOW, bulkTransport: 'wire' }).pooled!();
        const os = createDnsChecker({ ...fixture.options, now: FIXED_NOW, bulkTransport: 'os' }).pooled!();
        try {
          const [viaWire, viaOs] = await Promise.all([wire.check(c.input), os.check(c.input)]);
          expect(single.records.find((r) => r.kind === c.kind)?.cause).toBe(c.cause);
          expect(viaWire).toEqual(single);
          expect(viaOs).toEqual(single);
        } finally {
          wire.close();
          os.close();
        }
      });
    }
  });
}

/** Owner names of a zone file (relative names completed with the origin), plus names that do not exist. */
function namesOf(origin: string, text: string): string[] {
  const names = new Set([origin, `nothing-here.${origin}`, `_dmarc.${origin}`]);
  for (const line of text.split('\n')) {
    const owner = /^([^\s;$]+)\s+IN\s/.exec(line)?.[1];
    if (!owner) continue;
    names.add(owner === '@' ? origin : owner.endsWith('.') ? owner.slice(0, -1) : `${owner}.${origin}`);
  }
  return [...names];
}

const KINDS = ['txt', 'cname', 'a', 'aaaa', 'mx', 'ns', 'soa'] as const;

/** One name at a time (its seven kinds at once): hundreds in flight on one c-ares channel lose UDP answers. */
async function everyAnswer(client: DnsClient, names: string[]): Promise<unknown[]> {
  const all: unknown[] = [];
  for (const name of names) all.push(...(await Promise.all(KINDS.map(async (kind) => [kind, name, await client[kind](name)]))));
  return all;
}

describe('every question on the fixture zones: node:dns and the wire transport agree', () => {
  let nsd: NsdServer;
  let transport: WireTransport;
  beforeAll(async () => {
    nsd = await startNsd({ zones: MAIN_ZONES });
    transport = createWireTransport({ timeout: 400, tries: 1 });
  });
  afterAll(async () => {
    transport?.close();
    await nsd?.stop();
  });

  it('gives the same Lookup (value, TTL or cause and code) for each kind at each name', async () => {
    const names = [...Object.entries(MAIN_ZONES).flatMap(([origin, text]) => namesOf(origin, text)), 'not-served.example', 'pm.mtasv.net'];
    const viaOs = await everyAnswer(wrap(newResolver([nsd.server], 400, 1), 'resolver', undefined), names);
    const viaWire = await everyAnswer(wrap(new WireResolver(transport, [nsd.server]), 'resolver', undefined), names);
    expect(names.length).toBeGreaterThan(60);
    expect(viaWire).toEqual(viaOs);
    // The comparison covers answers and each failure kind, not just one of them.
    const causes = new Set(
      viaOs.map((x) => {
        const l = (x as [string, string, { ok: boolean; cause?: string }])[2];
        return l.ok ? 'ok' : l.cause;
      }),
    );
    expect([...causes].sort()).toEqual(['nodata', 'nxdomain', 'ok', 'refused', 'servfail']);
  });
});

describe('truncated answers', () => {
  // 20 TXT records of 200 bytes: ~4.4 KB, over both 512 bytes and the 1232-byte EDNS size both transports ask for.
  const strings = Array.from({ length: 20 }, (_, i) => `big-${String(i).padStart(2, '0')}-${'x'.repeat(193)}`);
  let nsd: NsdServer;
  beforeAll(async () => {
    nsd = await startNsd({ zones: { 'big.test': zone('big.test', strings.map((s) => `many IN TXT "${s}"`).join('\n')) } });
  });
  afterAll(async () => nsd?.stop());

  it('asks again over TCP when the UDP answer has the TC bit, and gets the whole set as node:dns does', async () => {
    const transport = createWireTransport({ timeout: 400, tries: 1 });
    try {
      const viaWire = await new WireResolver(transport, [nsd.server]).resolveTxt('many.big.test');
      const viaOs = await newResolver([nsd.server], 400, 1).resolveTxt('many.big.test');
      expect(transport.sent).toEqual({ udp: 1, tcp: 1 });
      expect(viaWire.map((r) => r.join('')).sort()).toEqual(strings);
      expect(viaWire).toEqual(viaOs);
    } finally {
      transport.close();
    }
  });

  it('stays on UDP when the answer fits', async () => {
    const transport = createWireTransport({ timeout: 400, tries: 1 });
    try {
      expect(await new WireResolver(transport, [nsd.server]).resolveSoa('big.test')).toMatchObject({ nsname: 'ns1.big.test', minttl: 120 });
      expect(transport.sent).toEqual({ udp: 1, tcp: 0 });
    } finally {
      transport.close();
    }
  });
});

describe('the wire transport on its own', () => {
  it('times out like c-ares: one try per server per round, code ETIMEOUT', async () => {
    const silent = await startSilentDns();
    const transport = createWireTransport({ timeout: 50, tries: 2 });
    try {
      const r: ResolverLike = new WireResolver(transport, [silent.server]);
      await expect(r.resolveTxt('x.test')).rejects.toMatchObject({ code: 'ETIMEOUT' });
      expect(silent.queries()).toBe(2);
    } finally {
      transport.close();
      await silent.stop();
    }
  });

  it('a server whose port is closed is refused at once, with the code node:dns gives (not after every timeout)', async () => {
    // A port nobody listens on: bound once to learn a free number, then closed.
    const probe = dgram.createSocket('udp4');
    await new Promise<void>((resolve) => probe.bind(0, '127.0.0.1', resolve));
    const server = `127.0.0.1:${probe.address().port}`;
    probe.close();
    // Timeouts long enough that waiting them out would fail the test's own time limit.
    const transport = createWireTransport({ timeout: 60_000, tries: 3 });
    try {
      const viaOs = new dns.promises.Resolver({ timeout: 60_000, tries: 3 });
      viaOs.setServers([server]);
      const osError = await viaOs.resolveTxt('x.test').then(
        () => null,
        (e: NodeJS.ErrnoException) => e.code,
      );
      expect(osError).toBe('ECONNREFUSED');
      await expect(new WireResolver(transport, [server]).resolveTxt('x.test')).rejects.toMatchObject({ code: osError });
    } finally {
      transport.close();
    }
  });

  it('ends pending questions when the run closes it', async () => {
    const silent = await startSilentDns();
    const transport = createWireTransport({ timeout: 5000, tries: 1 });
    try {
      const pending = new WireResolver(transport, [silent.server]).resolveTxt('x.test');
      setTimeout(() => transport.close(), 20);
      await expect(pending).rejects.toMatchObject({ code: 'ECANCELLED' });
    } finally {
      await silent.stop();
    }
  });

  it('sends every question made in one turn of the event loop (they go out together once the turn is over)', async () => {
    const silent = await startSilentDns();
    const transport = createWireTransport({ timeout: 50, tries: 1 });
    try {
      const r = new WireResolver(transport, [silent.server]);
      const names = ['a.test', 'b.test', 'c.test', 'd.test', 'e.test'];
      const outcomes = await Promise.all(names.map((n) => r.resolveTxt(n).catch((e: NodeJS.ErrnoException) => e.code)));
      expect(outcomes).toEqual(names.map(() => 'ETIMEOUT'));
      expect(silent.queries()).toBe(names.length);
    } finally {
      transport.close();
      await silent.stop();
    }
  });

  it('a datagram whose socket is gone by the time the turn ends is reported lost, not thrown', async () => {
    const socket = dgram.createSocket('udp4');
    await new Promise<void>((resolve) => socket.bind(0, '127.0.0.1', resolve));
    socket.close();
    const outbox = new Outbox();
    const lost = await new Promise<boolean>((resolve) => {
      outbox.add(socket, Buffer.from([0, 1]), () => resolve(true));
      setTimeout(() => resolve(false), 200);
    });
    expect(lost).toBe(true);
  });

  it('a close in the same turn as the questions ends them and sends nothing on the closed sockets', async () => {
    const silent = await startSilentDns();
    const transport = createWireTransport({ timeout: 5000, tries: 1 });
    try {
      const r = new WireResolver(transport, [silent.server]);
      const pending = ['a.test', 'b.test'].map((n) => r.resolveTxt(n));
      transport.close();
      for (const p of pending) await expect(p).rejects.toMatchObject({ code: 'ECANCELLED' });
      await new Promise((resolve) => setTimeout(resolve, 50));
      expect(silent.queries()).toBe(0);
    } finally {
      await silent.stop();
    }
  });

  it("cancelling a check's scope ends its questions at once and leaves the others pending", async () => {
    const silent = await startSilentDns();
    const transport = createWireTransport({ timeout: 300, tries: 1 });
    try {
      const resolver = new WireResolver(transport, [silent.server]);
      const scopeA = new CancelScope(() => new Error('cancelled'));
      const scopeB = new CancelScope(() => new Error('cancelled'));
      const a = resolver.scoped(scopeA).resolveTxt('a.test');
      const b = resolver.scoped(scopeB).resolveTxt('b.test');
      while (silent.queries() < 2) await new Promise((r) => setTimeout(r, 5));
      scopeA.cancel();
      const order: string[] = [];
      await Promise.all([a.catch((e: NodeJS.ErrnoException) => order.push(`a ${e.code}`)), b.catch((e: NodeJS.ErrnoException) => order.push(`b ${e.code}`))]);
      expect(order).toEqual(['a ECANCELLED', 'b ETIMEOUT']);
      // A question asked in a cancelled scope is not sent at all.
      await expect(resolver.scoped(scopeA).resolveTxt('c.test')).rejects.toMatchObject({ code: 'ECANCELLED' });
      expect(silent.queries()).toBe(2);
    } finally {
      transport.close();
      await silent.stop();
    }
  });

  it('a pool with no server list asks the operating system resolver’s servers', () => {
    const pool = createResolverPool({ transport: 'wire' });
    try {
      const r = pool.resolver(undefined) as unknown as { servers: { host: string; port: number }[] };
      expect(r.servers).toEqual(newResolver(undefined, 400, 1).getServers().map(parseServer));
    } finally {
      pool.close();
    }
  });
});
