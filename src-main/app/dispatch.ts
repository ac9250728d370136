import { contract } from '../../src-preload/api/contract';
import { lookupMethod, type Envelope } from '../../src-preload/api/define';
import { describeZodError } from '../core/zod-errors';
import { errorReply, errorReplyFrom } from '../core/error-reply';
import type { Handlers } from './handlers/types';

export type Dispatch = (channel: string, rawInput: unknown) => Promise<Envelope<unknown>>;

/**
 * The single path every door uses: unknown input → schema → handler → output schema → envelope.
 * Parsing the output strips any field the contract does not declare, so internals (tokens above all)
 * cannot leak through a reply by accident.
 */
export function createDispatch(handlers: Handlers, onError?: (channel: string, err: unknown) => void): Dispatch {
  return async (channel, rawInput) => {
    const def = lookupMethod(contract, channel);
    if (!def) return errorReply('contract.unknown-method', `No such method: ${String(channel).slice(0, 80)}.`);
    const input = def.input.safeParse(rawInput === undefined ? {} : rawInput);
    if (!input.success) return errorReplyFrom(describeZodError(input.error));
    try {
      const [ns, m] = [channel.slice(0, channel.indexOf('.')), channel.slice(channel.indexOf('.') + 1)];
      const fn = (handlers as unknown as Record<string, Record<string, (i: unknown) => unknown>>)[ns]![m]!;
      const value = await fn(input.data);
      const output = def.output.safeParse(value);
      if (!output.success) {
        onError?.(channel, output.error);
        return errorReply('contract.bad-output', `Behalf produced an invalid reply for ${channel}.`, 'This is a bug in Behalf: please report it.');
      }
      return { ok: true, value: output.data };
    } catch (err) {
      const reply = errorReplyFrom(err);
      if (reply.error.code === 'internal') onError?.(channel, err);
      return reply;
    }
  };
}
