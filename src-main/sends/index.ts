/** Test sends to seed inboxes (issue #7). */
export { createSendService } from './send-service';
export type { SendService, SendServiceDeps } from './send-service';
export { SeedService } from './seed-service';
export { planFrom } from './from-plan';
export type { FromPlan, SendBlock } from './from-plan';
export { DEFAULT_BODY, DEFAULT_SUBJECT, renderTemplate, templateProblems, unknownPlaceholders } from './templates';
export { validateSeedCsv, seedsToCsv } from './seed-csv';
export { latestEventFor } from './message-events';
export { SEND_TAG } from './attempt';
