import { z } from 'zod';

/**
 * The mailbox providers' rules for bulk senders, per tenant (issue #18 part 4): Gmail's Email sender guidelines and
 * Yahoo's sender best practices (both enforced from February 2024) and Outlook.com's high-volume sender requirements
 * (May 2025), evaluated from facts Behalf already has. Sources per rule: docs/sender-rules.md and src-main/rules/.
 */

/**
 * - pass / fail: judged from Behalf's facts;
 * - n/a: the rule does not apply to this tenant (no marketing mail, nothing sent yet);
 * - not-checked: the rule applies but Behalf has no fact to judge it by (says why, and where to look).
 * Only `fail` counts against a tenant (the CLI's exit 1, the sheet's list).
 */
export const SENDER_RULE_STATUSES = ['pass', 'fail', 'n/a', 'not-checked'] as const;
export const senderRuleStatusSchema = z.enum(SENDER_RULE_STATUSES);
export type SenderRuleStatus = z.infer<typeof senderRuleStatusSchema>;

export const SENDER_RULE_IDS = ['spf', 'dkim', 'dmarc', 'alignment', 'ptr', 'complaints', 'one-click-unsubscribe'] as const;
export const senderRuleIdSchema = z.enum(SENDER_RULE_IDS);
export type SenderRuleId = z.infer<typeof senderRuleIdSchema>;

export const ruleSourceSchema = z.object({
  /** "Gmail", "Yahoo", "Outlook.com", "Postmark", "RFC 8058". */
  who: z.string(),
  title: z.string(),
  url: z.string(),
  /** confirmed: the rule's text was read (docs/sender-rules.md says where); assumed: taken from secondary summaries. */
  basis: z.enum(['confirmed', 'assumed']),
});
export type RuleSource = z.infer<typeof ruleSourceSchema>;

export const senderRuleItemSchema = z.object({
  id: senderRuleIdSchema,
  /** The rule in a few words: "SPF passes". */
  title: z.string(),
  status: senderRuleStatusSchema,
  /** Why this status, from which fact. */
  reason: z.string(),
  /** What to do ('' when there is nothing to do). */
  fix: z.string(),
  sources: z.array(ruleSourceSchema),
});
export type SenderRuleItem = z.infer<typeof senderRuleItemSchema>;

/**
 * Does the tenant send marketing or other bulk mail, and through which Postmark stream? null = nobody recorded it.
 * 'broadcast': through a Broadcast message stream (Postmark adds the one-click unsubscribe headers);
 * 'transactional': through the transactional stream (Postmark adds no unsubscribe headers there).
 */
export const BULK_MAIL_VALUES = ['none', 'broadcast', 'transactional'] as const;
export const bulkMailSchema = z.enum(BULK_MAIL_VALUES, { error: 'Bulk mail is none, broadcast or transactional.' });
export type BulkMail = z.infer<typeof bulkMailSchema>;

export const senderRulesSchema = z.object({
  tenantId: z.string(),
  name: z.string(),
  domain: z.string(),
  option: z.union([z.literal(1), z.literal(2), z.literal(3)]).nullable(),
  bulkMail: bulkMailSchema.nullable(),
  /** When the DNS facts were read (the latest check), null = never checked. */
  dnsCheckedAt: z.string().nullable(),
  items: z.array(senderRuleItemSchema),
  failing: z.number().int(),
});
export type SenderRules = z.infer<typeof senderRulesSchema>;

export const rulesTenantInputSchema = z.object({ id: z.string().min(1).max(100) });
export const rulesSetBulkMailSchema = z.object({ id: z.string().min(1).max(100), bulkMail: bulkMailSchema.nullable() });
export const rulesAllSchema = z.object({ tenants: z.array(senderRulesSchema) });
