import { z } from 'zod';

/**
 * The shapes of the Stats and Bounce API answers sending health reads (official client models:
 * `models/stats/Stats.d.ts`, `models/bounces/Bounce.d.ts`). Loose objects: only what Behalf uses is required.
 */
const count = z.number().int().min(0);
const day = z.string().regex(/^\d{4}-\d{2}-\d{2}/);

export const sentCountsAnswer = z.looseObject({ Days: z.array(z.looseObject({ Date: day, Sent: count })), Sent: count });
/** Per-day keys are present only for the bounce types that day had. */
export const bounceCountsAnswer = z.looseObject({
  Days: z.array(
    z.looseObject({ Date: day, HardBounce: count.optional(), SoftBounce: count.optional(), Transient: count.optional(), SMTPApiError: count.optional() }),
  ),
});
export const spamCountsAnswer = z.looseObject({ Days: z.array(z.looseObject({ Date: day, SpamComplaint: count })), SpamComplaint: count });
export const deliveryStatsAnswer = z.looseObject({
  InactiveMails: count,
  Bounces: z.array(z.looseObject({ Name: z.string(), Count: count, Type: z.string().nullish() })),
});
export const bounceListAnswer = z.looseObject({
  TotalCount: count,
  Bounces: z.array(
    z.looseObject({
      ID: z.number().int(),
      Type: z.string(),
      Email: z.string(),
      BouncedAt: z.string(),
      Description: z.string().nullish(),
      Details: z.string().nullish(),
      Inactive: z.boolean(),
    }),
  ),
});
