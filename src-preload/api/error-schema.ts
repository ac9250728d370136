import { z } from 'zod';
import type { ApiErrorShape } from './errors';

/**
 * `ApiErrorShape` as a schema, for the contracts that carry one. Not in errors.ts, which every worker thread loads:
 * loading zod costs a thread ~60 ms of start-up (issue #17).
 */
export const apiErrorSchema = z.object({
  code: z.string(),
  message: z.string(),
  hint: z.string().optional(),
}) satisfies z.ZodType<ApiErrorShape>;
