/** DMARC: record build/parse/diff/plan, report import, and the views over imported reports. */
export { parseDmarcRecord, type DmarcIssue, type ParsedDmarcRecord } from '../domain/dmarc-record/check';
export type { DmarcTag, DmarcPolicy, AlignmentMode } from '../domain/dmarc-record/tags';
export { buildDmarcRecord, dmarcRecordInputSchema, type BuiltDmarcRecord, type DmarcRecordInput, type ReportAuthorization } from './record-build';
export { diffDmarcRecords, type DmarcRecordDiff, type DmarcTagChange } from './record-diff';
export { planDmarcRollout, type RolloutPlan, type RolloutPlanInput, type RolloutStep } from './plan';
export * from './import';
export { sourcesFor, type DmarcSource, type SourceFlag, type SourcesReport, type PtrChoice } from './sources';
export { dailyVolume, sourceVolume, type DayVolume, type SourceSeries, type SourceVolume } from './timeseries-store';
export { enforcementReadiness, type EnforcementReadiness, type FailingSource } from './readiness';
export { resolvePtrs, isPostmarkPtr, type ResolvePtrOptions, type ResolvePtrResult, type ReverseResolver } from './ptr';
export type { DmarcScope } from './report-query-store';
export { dmarcDomains, type DmarcDomainSummary } from './domains-store';
