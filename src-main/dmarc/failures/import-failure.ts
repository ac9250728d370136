import type { ReportContext } from '../import/consume-xml';
import type { FeedbackParts } from '../import/eml-feedback';
import type { ReportOutcomes } from '../import/outcomes';
import { readMailbox } from '../mailbox/mailbox-store';
import { readFailureReport } from './failure-report';
import { insertFailure } from './failure-store';

/**
 * Stores the failure report found in an e-mail. Subjects and recipients are kept only when the operator chose
 * "keep" (Settings → DMARC mailbox; the default is redact), read at import time so the choice applies to
 * every door alike.
 */
export function importFailure(parts: FeedbackParts, ctx: ReportContext, out: ReportOutcomes): void {
  const keep = readMailbox(ctx.db).rufPersonalData === 'keep';
  const report = readFailureReport(parts.fields, parts.original, parts.outer, keep);
  const stored = insertFailure(ctx.db, report, ctx.sourceFile, ctx.importedAt);
  out.failure(stored);
}
