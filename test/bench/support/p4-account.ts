import type { PostmarkSimulator } from '../../support/postmark-sim';
import { newSimServer, takeId } from '../../support/postmark-sim/state';

const KEY = 'k=rsa; p=MIGfMA0GCSqGSIb3DQEBAQUAA4GNADCBiQKBgQC+zCluDVDv';

/** Fills the simulator's state directly: 2,000 of each object in milliseconds (HTTP creation makes RSA keys). */
export function fillAccount(sim: PostmarkSimulator, N: number): void {
  const st = sim.state;
  for (let i = 0; i < N; i++) {
    const domain = `tenant-${i}.example`;
    st.servers.push(newSimServer(st, `Tenant ${i}`, 'Live'));
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
