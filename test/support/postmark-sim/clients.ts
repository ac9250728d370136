import { AccountClient, ServerClient } from 'postmark';
import type { PostmarkSimulator } from './server';

/** Official clients pointed at the simulator over plain HTTP. */
export function accountClientFor(sim: PostmarkSimulator, token = sim.accountToken, timeoutSeconds = 10): AccountClient {
  return new AccountClient(token, { useHttps: false, requestHost: sim.requestHost, timeout: timeoutSeconds });
}

export function serverClientFor(sim: PostmarkSimulator, token: string, timeoutSeconds = 10): ServerClient {
  return new ServerClient(token, { useHttps: false, requestHost: sim.requestHost, timeout: timeoutSeconds });
}

/** Resolves to the rejection of `promise` (fails the test if it resolved). */
export async function rejectionOf(
  promise: Promise<unknown>,
): Promise<{ name: string; code: number; statusCode: number; message: string; recipients?: string[] }> {
  try {
    await promise;
  } catch (err) {
    return err as { name: string; code: number; statusCode: number; message: string };
  }
  throw new Error('Expected the call to fail, but it succeeded');
}
