import type * as packet from 'dns-packet';
import type { CancelScope } from './cancel-scope';
import type { Address, ResolverLike } from './resolver';
import { parseServer } from './servers';
import type { WireQuestion, WireServer, WireTransport } from './wire-transport';

/**
 * `dns.Resolver`'s answers from the wire transport, read the way Node reads c-ares's: TXT strings as Latin-1
 * (Node's OneByteString), A/AAAA only at the name the answer's CNAME chain ends on with the chain's smallest TTL,
 * CNAME as the chain's end, SOA from the first SOA in the answer (none there: EBADRESP), and the rcode / empty
 * answer mapped to c-ares's error codes (ENOTFOUND, ENODATA, ESERVFAIL, EREFUSED…), so `wrap` in resolver.ts
 * turns either into the same Lookup and cause code.
 */
export class WireResolver implements ResolverLike {
  private readonly servers: WireServer[];

  constructor(
    private readonly transport: WireTransport,
    servers: readonly (string | WireServer)[],
    private readonly scope?: CancelScope,
  ) {
    this.servers = servers.map((s) => (typeof s === 'string' ? parseServer(s) : s));
  }

  /** The same resolver for one check: its questions end with ECANCELLED when `scope` is cancelled. */
  scoped(scope: CancelScope): WireResolver {
    scope.onCancel(() => this.transport.cancelScope(scope));
    return new WireResolver(this.transport, this.servers, scope);
  }

  async resolveTxt(name: string): Promise<string[][]> {
    const answers = await this.ask('queryTxt', name, 'TXT');
    return answers.filter((rr) => rr.type === 'TXT').map((rr) => (rr.data as Buffer[]).map((b) => b.toString('latin1')));
  }

  async resolveCname(name: string): Promise<string[]> {
    const answers = await this.ask('queryCname', name, 'CNAME');
    const { end, sawCname } = followCnames(answers, name);
    // c-ares reads a CNAME answer as an address answer: no CNAME at the name means no data.
    if (!sawCname) throw dnsError('queryCname', 'ENODATA', name);
    return [end];
  }

  async resolve4(name: string): Promise<Address[]> {
    return this.addresses('queryA', name, 'A');
  }

  async resolve6(name: string): Promise<Address[]> {
    return this.addresses('queryAaaa', name, 'AAAA');
  }

  async resolveMx(name: string): Promise<{ exchange: string; priority: number }[]> {
    const answers = await this.ask('queryMx', name, 'MX');
    return answers
      .filter((rr) => rr.type === 'MX')
      .map((rr) => {
        const mx = rr.data as { preference?: number; exchange: string };
        return { exchange: mx.exchange, priority: mx.preference ?? 0 };
      });
  }

  async resolveNs(name: string): Promise<string[]> {
    const answers = await this.ask('queryNs', name, 'NS');
    return answers.filter((rr) => rr.type === 'NS').map((rr) => rr.data as string);
  }

  async resolveSoa(name: string): Promise<SoaRecord> {
    const answers = await this.ask('querySoa', name, 'SOA');
    const soa = (answers.find((rr) => rr.type === 'SOA') as packet.SoaAnswer | undefined)?.data;
    if (!soa) throw dnsError('querySoa', 'EBADRESP', name);
    return {
      nsname: soa.mname,
      hostmaster: soa.rname,
      serial: soa.serial ?? 0,
      refresh: soa.refresh ?? 0,
      retry: soa.retry ?? 0,
      expire: soa.expire ?? 0,
      minttl: soa.minimum ?? 0,
    };
  }

  /** Pending questions belong to the run's transport: the pool closes it when the run ends. */
  cancel(): void {}

  private async addresses(syscall: string, name: string, type: 'A' | 'AAAA'): Promise<Address[]> {
    const answers = await this.ask(syscall, name, type);
    const { end, minCnameTtl } = followCnames(answers, name);
    return answers
      .filter((rr) => rr.type === type && sameName(rr.name, end))
      .map((rr) => ({ address: rr.data as string, ttl: Math.min(rr.ttl ?? 0, minCnameTtl) }));
  }

  /** The answer section, or the error `node:dns` would have thrown for this outcome. */
  private async ask(syscall: string, name: string, type: WireQuestion['type']): Promise<Rr[]> {
    const outcome = await this.transport.ask(this.servers, { name, type }, this.scope);
    if (!outcome.ok) throw dnsError(syscall, outcome.code, name);
    const { rcode, answers = [] } = outcome.response;
    const code = RCODE_ERRORS[rcode ?? 'NOERROR'] ?? (rcode === 'NOERROR' ? undefined : 'EBADRESP');
    if (code) throw dnsError(syscall, code, name);
    if (answers.length === 0) throw dnsError(syscall, 'ENODATA', name);
    return answers.filter((rr): rr is Rr => rr.type !== 'OPT');
  }
}

interface SoaRecord {
  nsname: string;
  hostmaster: string;
  serial: number;
  refresh: number;
  retry: number;
  expire: number;
  minttl: number;
}

/** Records of the answer section (an OPT pseudo-record never is one). */
type Rr = Exclude<packet.Answer, packet.OptAnswer>;

/** c-ares's status for each rcode (ares_query: an rcode other than NOERROR, or no answer, is an error). */
const RCODE_ERRORS: Record<string, string | undefined> = {
  NOERROR: undefined,
  FORMERR: 'EFORMERR',
  SERVFAIL: 'ESERVFAIL',
  NXDOMAIN: 'ENOTFOUND',
  NOTIMP: 'ENOTIMP',
  REFUSED: 'EREFUSED',
};

function dnsError(syscall: string, code: string, hostname: string): NodeJS.ErrnoException {
  return Object.assign(new Error(`${syscall} ${code} ${hostname}`), { code, syscall, hostname });
}

function sameName(a: string, b: string): boolean {
  return a.toLowerCase() === b.toLowerCase();
}

/** Follows the answer's CNAME records from the question's name, in order, as c-ares does. */
function followCnames(answers: Rr[], name: string): { end: string; sawCname: boolean; minCnameTtl: number } {
  let end = name.endsWith('.') ? name.slice(0, -1) : name;
  let sawCname = false;
  let minCnameTtl = Number.MAX_SAFE_INTEGER;
  for (const rr of answers) {
    if (rr.type === 'CNAME' && sameName(rr.name, end)) {
      end = rr.data as string;
      sawCname = true;
      minCnameTtl = Math.min(minCnameTtl, rr.ttl ?? 0);
    }
  }
  return { end, sawCname, minCnameTtl };
}
