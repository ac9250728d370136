import { z } from 'zod';
import { method, channelsOf, type ApiOf, type BridgeOf, type ChannelOf } from './define';
import type { EventMap } from './events';
import {
  dmarcBuildInputSchema,
  dmarcBuiltSchema,
  dmarcChartsSchema,
  dmarcDomainsSchema,
  dmarcImportFilesSchema,
  dmarcImportResultSchema,
  dmarcPlanInputSchema,
  dmarcPlanSchema,
  dmarcReadinessSchema,
  dmarcLegitimateInputSchema,
  dmarcLegitimateSchema,
  dmarcScopeSchema,
  dmarcSourcesInputSchema,
  dmarcSourcesSchema,
  dmarcClearResultSchema,
  dmarcSaveRecordInputSchema,
  dmarcSavedRecordResultSchema,
  dmarcSavedRecordSchema,
  dmarcTenantIdSchema,
  postmarkDmarcConnectedSchema,
  postmarkDmarcConnectInputSchema,
  postmarkDmarcDnsSchema,
  postmarkDmarcPullInputSchema,
  postmarkDmarcStatusSchema,
  postmarkDmarcTokenInputSchema,
  postmarkDmarcVerifySchema,
} from './dmarc';
import { dmarcFailuresSchema, dmarcMailboxSaveSchema, dmarcMailboxSchema, dmarcRepairedSchema } from './dmarc-mailbox';
import {
  bulkStartInputSchema,
  bulkSummarySchema,
  checkDomainInputSchema,
  domainCheckSchema,
  historyInputSchema,
  historySchema,
  latestCheckSchema,
  tenantCheckSchema,
} from './dns';
import {
  deferredRemovalsSchema,
  optionsChooseResultSchema,
  optionsChooseSchema,
  optionsCompareResultSchema,
  optionsIdSchema,
  optionsLintSchema,
  optionsPlanSwitchSchema,
  lintResultSchema,
  switchPlanSchema,
} from './options';
import { appInfoSchema, endpointChangeResultSchema, endpointChangeSchema, setTokenSchema, settingsPatchSchema, settingsSchema } from './settings';
import {
  auditPageSchema,
  csvImportResultSchema,
  csvImportSchema,
  domainReadInputSchema,
  domainReadSchema,
  tagListSchema,
  tenantCreateSchema,
  tenantIdSchema,
  tenantListQuerySchema,
  tenantListPageSchema,
  tenantUpdateSchema,
} from './tenant-queries';
import {
  sheetDownloadSchema,
  sheetExportAllInputSchema,
  sheetExportInputSchema,
  sheetExportResultSchema,
  sheetPreviewInputSchema,
  sheetPreviewSchema,
  sheetSavedSchema,
  sheetSaveInputSchema,
  sheetSendCheckSchema,
  sheetSendInputSchema,
  sheetSendResultSchema,
} from './sheets';
import { taskIdSchema, taskSnapshotSchema, taskStartedSchema } from './tasks';
import {
  confirmationMessageSchema,
  deprovisionInputSchema,
  jobIdSchema,
  jobListSchema,
  jobSchema,
  jobsInputSchema,
  linkInputSchema,
  postmarkIdSchema,
  postmarkStateSchema,
  postmarkStatusSchema,
  provisionInputSchema,
  provisionResultSchema,
  reconcileResultSchema,
  verifyInputSchema,
} from './postmark';
import { tenantSchema } from './tenants';
import { backupListSchema, recoveryStatusSchema, restoreInputSchema, restoreResultSchema, snapshotSchema } from './backups';
import * as sendsApi from './sends';
import { doctorReportSchema } from './doctor';
import { alertIdSchema, alertListInputSchema, alertListSchema, alertSchema, alertSnoozeSchema, watchRoundSchema } from './alerts';
import {
  teamConflictListSchema,
  teamConflictSchema,
  teamConnectInputSchema,
  teamConnectResultSchema,
  teamOperatorInputSchema,
  teamResolveInputSchema,
  teamStatusSchema,
} from './team';
import { dkimListInputSchema, dkimListSchema, dkimProgressInputSchema, dkimProgressResultSchema, dkimRotateInputSchema, dkimRotateResultSchema } from './dkim';
import {
  healthOverviewInputSchema,
  healthOverviewSchema,
  healthRefreshInputSchema,
  healthRefreshResultSchema,
  healthRefreshTaskResultSchema,
  tenantHealthSchema,
} from './health';
import { rulesAllSchema, rulesSetBulkMailSchema, rulesTenantInputSchema, senderRulesSchema } from './rules';

const empty = z.object({}).default({});
const done = z.object({ ok: z.literal(true) });

/**
 * THE contract: every method any door offers, with its input and output schemas. Main implements it,
 * the preload exposes it, the browser host carries it over HTTP, and the renderer's types come from it.
 */
export const contract = {
  app: {
    info: method(empty, appInfoSchema),
  },
  tenants: {
    list: method(tenantListQuerySchema, tenantListPageSchema),
    get: method(tenantIdSchema, tenantSchema),
    create: method(tenantCreateSchema, tenantSchema),
    update: method(tenantUpdateSchema, tenantSchema),
    audit: method(tenantIdSchema, auditPageSchema),
    tags: method(empty, tagListSchema),
    importCsv: method(csvImportSchema, csvImportResultSchema),
    checkDomain: method(domainReadInputSchema, domainReadSchema),
  },
  tasks: {
    list: method(empty, z.object({ tasks: z.array(taskSnapshotSchema) })),
    cancel: method(taskIdSchema, done),
  },
  options: {
    compare: method(optionsIdSchema, optionsCompareResultSchema),
    choose: method(optionsChooseSchema, optionsChooseResultSchema),
    planSwitch: method(optionsPlanSwitchSchema, switchPlanSchema),
    lintDisplayName: method(optionsLintSchema, lintResultSchema),
    deferredRemovals: method(optionsIdSchema, deferredRemovalsSchema),
  },
  dns: {
    checkTenant: method(tenantIdSchema, tenantCheckSchema),
    checkDomain: method(checkDomainInputSchema, domainCheckSchema),
    latest: method(tenantIdSchema, latestCheckSchema),
    history: method(historyInputSchema, historySchema),
    bulkStart: method(bulkStartInputSchema, taskStartedSchema),
    bulkSummary: method(taskIdSchema, bulkSummarySchema),
  },
  sheets: {
    preview: method(sheetPreviewInputSchema, sheetPreviewSchema),
    export: method(sheetExportInputSchema, sheetDownloadSchema),
    exportAll: method(sheetExportAllInputSchema, taskStartedSchema),
    exportResult: method(taskIdSchema, sheetExportResultSchema),
    send: method(sheetSendInputSchema, sheetSendResultSchema),
    sendCheck: method(empty, sheetSendCheckSchema),
    saveAs: method(sheetSaveInputSchema, sheetSavedSchema),
  },
  dmarc: {
    buildRecord: method(dmarcBuildInputSchema, dmarcBuiltSchema),
    plan: method(dmarcPlanInputSchema, dmarcPlanSchema),
    saveRecord: method(dmarcSaveRecordInputSchema, dmarcSavedRecordSchema),
    savedRecord: method(dmarcTenantIdSchema, dmarcSavedRecordResultSchema),
    clearRecord: method(dmarcTenantIdSchema, dmarcClearResultSchema),
    postmarkStatus: method(empty, postmarkDmarcStatusSchema),
    postmarkConnect: method(postmarkDmarcConnectInputSchema, postmarkDmarcConnectedSchema),
    postmarkUseToken: method(postmarkDmarcTokenInputSchema, postmarkDmarcConnectedSchema),
    postmarkForget: method(empty, postmarkDmarcStatusSchema),
    postmarkDns: method(empty, postmarkDmarcDnsSchema),
    postmarkVerify: method(empty, postmarkDmarcVerifySchema),
    postmarkPull: method(postmarkDmarcPullInputSchema, taskStartedSchema),
    importFiles: method(dmarcImportFilesSchema, taskStartedSchema),
    importResult: method(taskIdSchema, dmarcImportResultSchema),
    domains: method(empty, dmarcDomainsSchema),
    sources: method(dmarcSourcesInputSchema, dmarcSourcesSchema),
    readiness: method(dmarcSourcesInputSchema, dmarcReadinessSchema),
    /** Marks (or unmarks) a sending domain as legitimate for a DMARC domain; readiness stops counting it as unknown. */
    markLegitimate: method(dmarcLegitimateInputSchema, dmarcLegitimateSchema),
    charts: method(dmarcScopeSchema, dmarcChartsSchema),
    mailbox: method(empty, dmarcMailboxSchema),
    mailboxSave: method(dmarcMailboxSaveSchema, dmarcMailboxSchema),
    /** Reads unseen mail from the rua mailbox now: a task of kind 'dmarc.import' (result via importResult). */
    mailboxFetch: method(empty, taskStartedSchema),
    repaired: method(z.object({ domain: z.string().trim().min(3).max(253) }), dmarcRepairedSchema),
    failures: method(z.object({ domain: z.string().trim().min(3).max(253) }), dmarcFailuresSchema),
  },
  postmark: {
    status: method(empty, postmarkStatusSchema),
    provision: method(provisionInputSchema, provisionResultSchema),
    state: method(postmarkIdSchema, postmarkStateSchema),
    verify: method(verifyInputSchema, postmarkStateSchema),
    rotateDkim: method(postmarkIdSchema, postmarkStateSchema),
    resendConfirmation: method(postmarkIdSchema, postmarkStateSchema),
    confirmationMessage: method(postmarkIdSchema, confirmationMessageSchema),
    deprovision: method(deprovisionInputSchema, provisionResultSchema),
    jobs: method(jobsInputSchema, jobListSchema),
    retryJob: method(jobIdSchema, jobSchema),
    cancelJob: method(jobIdSchema, jobSchema),
    reconcile: method(empty, taskStartedSchema),
    reconcileResult: method(taskIdSchema, reconcileResultSchema),
    link: method(linkInputSchema, postmarkStateSchema),
  },
  sends: {
    seedsList: method(empty, sendsApi.seedListSchema),
    seedsAdd: method(sendsApi.seedDraftSchema, sendsApi.seedSchema),
    seedsUpdate: method(sendsApi.seedUpdateSchema, sendsApi.seedSchema),
    seedsRemove: method(sendsApi.seedIdSchema, done),
    seedsImport: method(sendsApi.seedImportSchema, sendsApi.seedImportResultSchema),
    seedsExport: method(empty, sendsApi.seedExportSchema),
    seedMailboxGet: method(sendsApi.seedIdSchema, sendsApi.seedMailboxSchema),
    seedMailboxSave: method(sendsApi.seedMailboxSaveSchema, sendsApi.seedMailboxSchema),
    compose: method(sendsApi.composeInputSchema.extend({ live: z.boolean().default(false) }), sendsApi.composeSchema),
    preview: method(sendsApi.previewInputSchema, sendsApi.previewSchema),
    send: method(sendsApi.sendInputSchema, sendsApi.sendViewSchema),
    history: method(sendsApi.historyInputSchema, sendsApi.sendHistorySchema),
    refreshEvents: method(sendsApi.refreshInputSchema, sendsApi.refreshResultSchema),
    retryQueued: method(z.object({ tenantId: z.string().min(1).max(100).optional() }).default({}), sendsApi.retryResultSchema),
    cancel: method(sendsApi.sendIdSchema, sendsApi.sendViewSchema),
    /** Record where one seed's copy landed: inbox, spam or missing. */
    mark: method(sendsApi.markInputSchema, sendsApi.sendViewSchema),
  },
  doctor: {
    /** Read-only checks: Postmark endpoint and tokens, account approval, DMARC token, DNS, ledger, disk. */
    run: method(empty, doctorReportSchema),
  },
  /** Sending health (issue #18): Postmark stats per tenant, cached per day; refresh asks Postmark again. */
  health: {
    overview: method(healthOverviewInputSchema, healthOverviewSchema),
    tenant: method(tenantIdSchema, tenantHealthSchema),
    refresh: method(healthRefreshInputSchema, healthRefreshResultSchema),
    /** Refresh every tenant as a task ('health.refresh': "12 of 40", cancel through tasks.cancel); result via refreshResult. */
    refreshStart: method(empty, taskStartedSchema),
    refreshResult: method(taskIdSchema, healthRefreshTaskResultSchema),
  },
  /** The mailbox providers' bulk-sender rules per tenant (issue #18 part 4), judged from facts Behalf has. */
  rules: {
    tenant: method(rulesTenantInputSchema, senderRulesSchema),
    all: method(empty, rulesAllSchema),
    /** Records whether the tenant sends marketing/bulk mail and on which Postmark stream (null: not known). */
    setBulkMail: method(rulesSetBulkMailSchema, senderRulesSchema),
  },
  /** The DKIM rotation calendar (issue #18): keys with age, length and state; rotate through the outbox; track to deleted. */
  dkim: {
    list: method(dkimListInputSchema, dkimListSchema),
    rotate: method(dkimRotateInputSchema, dkimRotateResultSchema),
    progress: method(dkimProgressInputSchema, dkimProgressResultSchema),
  },
  /** The watch's alerts (issue #18): raised once per fact; acknowledge or snooze to quiet them. */
  alerts: {
    list: method(alertListInputSchema, alertListSchema),
    acknowledge: method(alertIdSchema, alertSchema),
    snooze: method(alertSnoozeSchema, alertSchema),
  },
  /** One watch round now: recheck DNS, refresh health, raise new alerts. */
  watch: {
    runOnce: method(empty, watchRoundSchema),
  },
  /** Ledger snapshots (issue #20): list, take one now, restore one of the backup folder into the open ledger. */
  backups: {
    list: method(empty, backupListSchema),
    take: method(empty, snapshotSchema),
    restore: method(restoreInputSchema, restoreResultSchema),
  },
  /** Team mode (issue #19): the status line, this console's operator, conflicts and their resolution. */
  team: {
    status: method(empty, teamStatusSchema),
    setOperator: method(teamOperatorInputSchema, teamStatusSchema),
    conflicts: method(empty, teamConflictListSchema),
    resolve: method(teamResolveInputSchema, teamConflictSchema),
    /** Publishes this ledger as the team's: a task of kind 'team.publish'; bad input and a console already in a team are refused at once. */
    publish: method(teamConnectInputSchema, taskStartedSchema),
    /** Joins a team into this (empty) ledger: a task of kind 'team.join'; cancelled or failed, it leaves the ledger as before. */
    join: method(teamConnectInputSchema, taskStartedSchema),
    connectResult: method(taskIdSchema, teamConnectResultSchema),
  },
  /** Recovery mode: at start the ledger could not be opened; status says so, restore puts a good snapshot back. */
  recovery: {
    status: method(empty, recoveryStatusSchema),
    restore: method(restoreInputSchema, restoreResultSchema),
  },
  settings: {
    get: method(empty, settingsSchema),
    update: method(settingsPatchSchema, settingsSchema),
    setToken: method(setTokenSchema, done),
    clearToken: method(empty, done),
    changeEndpoint: method(endpointChangeSchema, endpointChangeResultSchema),
  },
} as const;

export type Contract = typeof contract;
export type Channel = ChannelOf<Contract>;
export type BehalfApi = ApiOf<Contract>;
export type BehalfBridge = BridgeOf<Contract, EventMap>;
export const channels: Channel[] = channelsOf(contract);
