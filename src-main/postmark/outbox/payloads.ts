import { z } from 'zod';

/**
 * What each job kind needs. References to objects that an earlier job creates may be given by name
 * (`domainName`, `email`, `serverName`): they are resolved when the job runs, so a whole provisioning plan can
 * be queued at once. Payloads never contain tokens.
 */
const serverRef = z
  .object({ serverId: z.number().int().positive().optional(), serverName: z.string().min(1).optional() })
  .refine((r) => r.serverId !== undefined || r.serverName !== undefined, 'serverId or serverName is required');
const domainRef = z
  .object({ domainId: z.number().int().positive().optional(), domainName: z.string().min(1).optional() })
  .refine((r) => r.domainId !== undefined || r.domainName !== undefined, 'domainId or domainName is required');
const senderRef = z
  .object({ senderId: z.number().int().positive().optional(), email: z.string().min(3).optional() })
  .refine((r) => r.senderId !== undefined || r.email !== undefined, 'senderId or email is required');

export const jobPayloadSchemas = {
  'create-server': z.object({
    name: z.string().trim().min(1),
    color: z.string().optional(),
    deliveryType: z.enum(['Live', 'Sandbox']).optional(),
    trackOpens: z.boolean().optional(),
    trackLinks: z.enum(['None', 'HtmlAndText', 'HtmlOnly', 'TextOnly']).optional(),
  }),
  'delete-server': serverRef,
  'create-domain': z.object({ name: z.string().trim().min(1), returnPathDomain: z.string().trim().min(1).optional() }),
  'verify-dkim': domainRef,
  'verify-return-path': domainRef,
  'rotate-dkim': domainRef,
  'delete-domain': domainRef,
  'create-sender': z.object({
    fromEmail: z.string().trim().min(3),
    name: z.string().trim().min(1),
    replyTo: z.string().trim().optional(),
    returnPathDomain: z.string().trim().optional(),
    personalNote: z.string().max(400).optional(),
  }),
  'resend-confirmation': senderRef,
  'delete-sender': senderRef,
} as const;

export type JobKind = keyof typeof jobPayloadSchemas;
export type JobPayloads = { [K in JobKind]: z.infer<(typeof jobPayloadSchemas)[K]> };
export type ServerRef = z.infer<typeof serverRef>;
export type DomainRef = z.infer<typeof domainRef>;
export type SenderRef = z.infer<typeof senderRef>;

export const JOB_KINDS = Object.keys(jobPayloadSchemas) as JobKind[];

/** Kinds that make an object in Postmark and therefore belong to a tenant. */
export const CREATE_KINDS: readonly JobKind[] = ['create-server', 'create-domain', 'create-sender'];

export function isJobKind(value: string): value is JobKind {
  return value in jobPayloadSchemas;
}
