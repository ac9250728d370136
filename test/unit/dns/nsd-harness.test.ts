import { promises as dns } from 'node:dns';
import fs from 'node:fs';
import { describe, expect, it } from 'vitest';
import { freePort, nsdConfig, startNsd } from '../../support/nsd';
import { zone } from '../../support/nsd/zoneFixtures';

function resolverFor(server: string) {
  const r = new dns.Resolver({ timeout: 500, tries: 1 });
  r.setServers([server]);
  return r;
}

const errorCode = (p: Promise<unknown>) =>
  p.then(
    () => 'answered',
    (e: NodeJS.ErrnoException) => e.code,
  );

describe('nsd harness', () => {
  it('writes a self-contained config', () => {
    const conf = nsdConfig('/tmp/x', '127.0.0.1', 5353, { 'a.test': '' });
    expect(conf).toContain('ip-address: 127.0.0.1@5353');
    expect(conf).toContain('rrl-ratelimit: 0');
    expect(conf).toContain('username: ""');
    expect(conf).toContain('chroot: ""');
    expect(conf).toContain('zonelistfile: "/tmp/x/zone.list"');
    expect(conf).toContain('name: "a.test"');
  });

  it('serves zones, reloads them on the same port, and stops', async () => {
    const nsd = await startNsd({ zones: { 'h.test': zone('h.test', 'www IN TXT "one"') } });
    try {
      expect(nsd.server).toBe(`127.0.0.1:${nsd.port}`);
      const r = resolverFor(nsd.server);
      expect(await r.resolveTxt('www.h.test')).toEqual([['one']]);
      expect(await errorCode(r.resolveTxt('nope.h.test'))).toBe('ENOTFOUND');
      expect(await errorCode(r.resolveTxt('x.elsewhere.test'))).toBe('EREFUSED');

      await nsd.reload({ 'h.test': zone('h.test', 'www IN TXT "two"', { serial: 2 }), 'i.test': zone('i.test', 'a IN A 192.0.2.1') });
      expect(await r.resolveTxt('www.h.test')).toEqual([['two']]);
      expect(await r.resolve4('a.i.test')).toEqual(['192.0.2.1']);
    } finally {
      await nsd.stop();
    }
    expect(fs.existsSync(nsd.dir)).toBe(false);
    expect(await errorCode(resolverFor(nsd.server).resolveTxt('www.h.test'))).toMatch(/ECONNREFUSED|ETIMEOUT/);
  });

  it('answers SERVFAIL for a zone whose file does not parse, and honours a chosen port', async () => {
    const port = await freePort();
    const nsd = await startNsd({ port, zones: { 'ok.test': zone('ok.test', 'a IN A 192.0.2.1'), 'bad.test': 'garbage }' } });
    try {
      expect(nsd.port).toBe(port);
      expect(await errorCode(resolverFor(nsd.server).resolveTxt('x.bad.test'))).toBe('ESERVFAIL');
      expect(nsd.log()).toMatch(/bad\.test/);
    } finally {
      await nsd.stop();
    }
  });
});
