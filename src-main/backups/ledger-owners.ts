import { auditTables } from '../ledger/audit-repo';
import { settingsTables } from '../ledger/settings-repo';
import type { OwnedTables } from '../ledger/table-rows-repo';
import { tenantTables } from '../ledger/tenants-repo';
import { checkTables } from '../dns/check-store';
import { chosenRecordTables } from '../dmarc/chosen-store';
import { legitimateSenderTables } from '../dmarc/legitimate-store';
import { reportTables } from '../dmarc/report-tables';
import { failureTables } from '../dmarc/failures/failure-store';
import { mailboxTables } from '../dmarc/mailbox/mailbox-store';
import { deferredRemovalTables } from '../postmark/switch/deferred-removals-store';
import { postmarkLinkTables } from '../postmark/outbox/object-store';
import { seedTables } from '../sends/seed-store';
import { sendTables } from '../sends/send-store';
import { alertTables } from '../watch/alert-store';
import { dkimTables } from '../dkim/dkim-store';
import { bulkMailTables } from '../rules/bulk-mail-store';

/**
 * Every table the user owns, each through its owner (issue #20 item 3), in an order that satisfies foreign keys
 * on import (tenants before their tags, checks and chosen records; reports before rows; sends before recipients).
 * Left out on purpose: the Postmark outbox and the send retry queue (importing them would repeat Postmark calls),
 * the PTR cache (a cache), and every secret (they live in the vault, never in the ledger).
 */
/** Tables deliberately not in an export, with the reason; every other table must have an owner above. */
export const NOT_EXPORTED: Readonly<Record<string, string>> = {
  postmark_jobs: 'the outbox: importing it would repeat Postmark calls',
  send_queue: 'the send retry queue: importing it would repeat sends',
  ptr_cache: 'a cache of reverse DNS answers',
  health_days: 'a cache of Postmark statistics, fetched again by Refresh',
  health_fetches: 'a cache of Postmark statistics, fetched again by Refresh',
  team_changes: 'the team sync log (docs/team.md): importing it would send changes to a team again',
  team_capture: 'the team change-capture switch, set by team init/join',
  team_state: "this console's connection to a team (URL, cursor, operator); another console joins by itself",
  team_conflicts: "this console's open team conflicts, tied to its own sync log",
};

export const LEDGER_OWNERS: readonly OwnedTables[] = [
  settingsTables,
  tenantTables,
  auditTables,
  checkTables,
  deferredRemovalTables,
  postmarkLinkTables,
  reportTables,
  failureTables,
  mailboxTables,
  chosenRecordTables,
  legitimateSenderTables,
  seedTables,
  sendTables,
  alertTables,
  dkimTables,
  bulkMailTables,
];
