// The bulk-edit engine: read, validate, plan (dry run), apply with progress, journal and resume. Never prints.
export type { InputFormat, SourceRow, Rejection, ReadResult } from "./types.js";
export { readInput, type ImportInput } from "./input/read.js";
export { normalizeRows, iocKey, type Candidate, type Normalized } from "./targets/ioc-rows.js";
export type { CreateItem, CreateOutcome, Duplicate, LookupOptions, Target } from "./targets/target.js";
export { iocTarget, type IocTarget, type IocRowOptions } from "./targets/iocs.js";
export type { Progress } from "./progress.js";
export type { BulkResult, BulkOperation, ItemFailure, Stop } from "./result.js";
export { writeErrorReport } from "./report.js";
export { importIocs, importInto, type ApplicableImportPlan } from "./import/import.js";
export { planImport } from "./import/plan.js";
export type {
  ImportOptions,
  ImportPlan,
  ImportCounts,
  PlannedUpdate,
  PlannedUnchanged,
} from "./import/plan.js";
export type { AnyPlan, ApplyOptions, Confirm, Remaining } from "./options.js";
export type { Applier, BulkSets } from "./sets.js";
export { updateWhere, deleteWhere, disableWhere } from "./edit/where.js";
export type { EditPlan, EditPlanData, EditItem, EditOptions } from "./edit/plan.js";
export type { Applicable } from "./apply.js";
export { exportIocs, type ExportOptions } from "./export.js";
export {
  withBulkEdits,
  type IocBulkEdits,
  type AlertBulkEdits,
  type BulkIocs,
  type BulkAlerts,
  withIndicatorBulkEdits,
  type IndicatorBulkEdits,
  type BulkIndicators,
} from "./edits.js";
export { indicatorTarget, indicatorWriter, upsertBody, type IndicatorTarget } from "./targets/indicators.js";
export {
  normalizeIndicatorRows,
  type IndicatorItem,
  type IndicatorDefaults,
} from "./targets/indicator-rows.js";
export { indicatorColumn } from "./targets/indicator-columns.js";
export type { BatchWriter } from "./targets/target.js";
export {
  importIndicators,
  type IndicatorBulkImportOptions,
  type IndicatorImportPlan,
  type IndicatorSets,
} from "./import/indicators.js";
export { updateIndicatorsWhere, deleteIndicatorsWhere, type IndicatorEditPlan } from "./edit/indicators.js";
export { exportIndicators } from "./export-indicators.js";
export { callMinutes, aboutMinutes, estimateText } from "./estimate.js";
export { planRows, type PlanRow } from "./plan-rows.js";
export { syncIndicators } from "./sync/sync.js";
export { keepTop, priorityOrder, SYNC_PRIORITIES, type SyncPriority } from "./sync/priority.js";
export type {
  IndicatorSyncPlan,
  SyncDelete,
  SyncLeftAlone,
  SyncOptions,
  SyncPart,
  UnknownDeviceGroups,
} from "./sync/types.js";
export { migrate } from "./migrate/migrate.js";
export type {
  MigrateOptions,
  MigrationCheck,
  MigrationPair,
  MigrationPart,
  MigrationPlan,
  MigrationSource,
  NotMigrated,
} from "./migrate/types.js";
