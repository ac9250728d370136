import { startPostmarkSimulator } from '../../support/postmark-sim';
import { fillAccount } from '../support/p4-account';

/**
 * Child process for P4: the Postmark simulator holding <n> servers, domains and sender signatures, in a process of
 * its own as Postmark is — its request handling must not share the reconcile's thread and count as the reconcile's
 * time. Prints one JSON line ({ url, requestHost, accountToken }) once listening; exits when its stdin closes.
 * argv: <n>
 */
const sim = await startPostmarkSimulator();
fillAccount(sim, Number(process.argv[2]));
process.stdout.write(`${JSON.stringify({ url: sim.url, requestHost: sim.requestHost, accountToken: sim.accountToken })}\n`);
process.stdin.resume();
process.stdin.on('end', () => void sim.close().then(() => process.exit(0)));
