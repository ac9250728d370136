import type { Route } from './router';
import { acceptBatchItem, acceptMessage } from './send-rules';
import { invalid, ok } from './sim-error';

const BATCH_LIMIT = 500;

export const emailRoutes: Route[] = [
  { method: 'POST', pattern: '/email', auth: 'server', handle: ({ env, server, body }) => ok(acceptMessage(env, server!, body)) },
  {
    method: 'POST',
    pattern: '/email/batch',
    auth: 'server',
    handle: ({ env, server, body }) => {
      if (!Array.isArray(body)) throw invalid(403, 'The batch must be a JSON array of messages.');
      if (body.length > BATCH_LIMIT) throw invalid(410, `You may send at most ${BATCH_LIMIT} messages in one batch.`);
      // Always 200: each item carries its own ErrorCode, in request order.
      return ok(body.map((item) => acceptBatchItem(env, server!, item)));
    },
  },
];
