import { AccountClient } from 'postmark';
import { afterAll, expect, it } from 'vitest';
import { startPostmarkSimulator, type PostmarkSimulator } from '../support/postmark-sim';
import { newServerToken, takeId } from '../support/postmark-sim/state';
import { tempServices } from '../support/temp';
import { profile } from './support/profile';
import { writeResult } from './support/results';
import { round, since } from './support/stats';

const N = 2000;
const KEY = 'k=rsa; p=MIGfMA0GCSqGSIb3DQEBAQUAA4GNADCBiQKBgQC+zCluDVDv';

/** Fills the simulator's state directly: 2,000 of each object in milliseconds (HTTP creation makes RSA keys). */
function fill(sim: PostmarkSimulator): void {
  const st = sim.state;
  for (let i = 0; i < N; i++) {
    const domain = `tenant-${i}.example`;
    st.servers.push({
      ID: takeId(st, 'server'),
      Name: `Tenant ${i}`,
      ApiTokens: [newServerToken()],
      Color: 'Purple',
      SmtpApiActivated: true,
      RawEmailEnabled: false,
      DeliveryType: 'Live',
      InboundHash: `h${i}`,
      InboundDomain: '',
      InboundHookUrl: '',
      BounceHookUrl: '',
      OpenHookUrl: '',
      DeliveryHookUrl: '',
      ClickHookUrl: '',
      PostFirstOpenOnly: false,
      InboundSpamThreshold: 0,
      TrackOpens: false,
      TrackLinks: 'None',
      IncludeBounceContentInHook: false,
      EnableSmtpApiErrorHooks: false,
    });
    st.domains.push({
      ID: takeId(st, 'domain'),
      Name: domain,
      ReturnPathDomain: `pm-bounces.${domain}`,
      ReturnPathDomainVerified: false,
      DKIMVerified: false,
      active: null,
      pending: { host: `20240817055129pm._domainkey.${domain}`, value: KEY },
      revoked: null,
      safeToRemoveRevoked: false,
    });
    st.senders.push({
      ID: takeId(st, 'sender'),
      EmailAddress: `hi@${domain}`,
      Name: `Tenant ${i}`,
      ReplyToEmailAddress: '',
      ReturnPathDomain: '',
      ConfirmationPersonalNote: '',
      Confirmed: i % 2 === 0,
    });
  }
}

let sim: PostmarkSimulator | undefined;
afterAll(async () => sim?.close());

/** P4: reconcile 2,000 servers + 2,000 domains + 2,000 sender signatures from the simulator; a rerun writes nothing. */
it('P4 reconcile 2,000 × 3', async () => {
  sim = await startPostmarkSimulator();
  fill(sim);
  const s = tempServices({ env: { BEHALF_POSTMARK_URL: sim.url, POSTMARK_ACCOUNT_TOKEN: sim.accountToken } });
  const csv = [
    'name,domain,contact_email,contact_name,from_address,option',
    ...Array.from({ length: N }, (_, i) => `Tenant ${i},tenant-${i}.example,ops@tenant-${i}.example,Ops,hi@tenant-${i}.example,${[1, 2, 3][i % 3]}`),
  ];
  expect(s.tenants.importCsv(csv.join('\n'), false).imported).toBe(N);
  const changes = () => (s.db.prepare('SELECT total_changes() AS n').get() as { n: number }).n;

  // Baseline: only reading every page of the three lists through the official client, as reconcile must.
  const pm = new AccountClient(sim.accountToken, { useHttps: false, requestHost: sim.requestHost });
  let t = process.hrtime.bigint();
  let listed = 0;
  for (let offset = 0; offset < N; offset += 500) {
    const [a, b, c] = await Promise.all([
      pm.getServers({ count: 500, offset }),
      pm.getDomains({ count: 500, offset }),
      pm.getSenderSignatures({ count: 500, offset }),
    ]);
    listed += a.Servers.length + b.Domains.length + c.SenderSignatures.length;
  }
  const listMs = since(t);
  expect(listed).toBe(3 * N);

  t = process.hrtime.bigint();
  const first = await s.postmark.reconcile();
  const firstMs = since(t);
  const before = changes();
  t = process.hrtime.bigint();
  const second = await s.postmark.reconcile();
  const secondMs = since(t);
  const rerunChanges = changes() - before;
  // What bounds a run (bench-results/P4.cpuprofile): a third, profiled run; (idle) is time waiting on HTTP.
  const hot = await profile('P4', async () => void (await s.postmark.reconcile()), 8);
  await s.postmark.stopRunner();
  s.close();

  writeResult({
    id: 'P4',
    work: `Reconcile ${N.toLocaleString('en')} servers + ${N.toLocaleString('en')} domains + ${N.toLocaleString('en')} sender signatures from the simulator`,
    figure: `${round(firstMs / 1000, 2)} s (${first.matched.length.toLocaleString('en')} matched, ${first.written.toLocaleString('en')} rows written); rerun ${round(secondMs / 1000, 2)} s, ${second.written} rows written`,
    baseline: `listing every page with the official client: ${round(listMs / 1000, 2)} s`,
    goal: '≤ 3 s; rerun writes 0 rows',
    met: firstMs <= 3000 && second.written === 0 && rerunChanges === 0,
    details: {
      profileTop: hot,
      getsPerRun: 2 * N,
      msPerDetailGet: round(secondMs / (2 * N), 3),
      firstMs: round(firstMs),
      secondMs: round(secondMs),
      listMs: round(listMs),
      matched: first.matched.length,
      unmatched: first.unmatched.length,
      written: first.written,
      rerunWritten: second.written,
      rerunChanges,
    },
  });
});
