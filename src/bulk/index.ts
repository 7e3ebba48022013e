// The bulk-edit engine: read, validate, plan (dry run), apply with progress, journal and resume. Never prints.
export type { InputFormat, SourceRow, Rejection, ReadResult } from "./types.js";
export { readInput, type ImportInput } from "./input/read.js";
export { normalizeRows, iocKey, type Candidate, type Duplicate, type Normalized } from "./normalize.js";
export type { Progress } from "./progress.js";
export type { BulkResult, BulkOperation, ItemFailure, Stop } from "./result.js";
export { writeErrorReport } from "./report.js";
export { importIocs, type ApplicableImportPlan } from "./import.js";
export type { ImportOptions, ImportPlan, ImportCounts, PlannedUpdate, PlannedUnchanged } from "./plan.js";
export type { ApplyOptions } from "./options.js";
export type { BulkSets } from "./sets.js";
export { updateWhere, deleteWhere, disableWhere } from "./where.js";
export type { EditPlan, EditItem, EditOptions } from "./edit-plan.js";
export { exportIocs, type ExportOptions } from "./export.js";
export { attachBulkEdits, type IocBulkEdits, type AlertBulkEdits, type WithBulkEdits } from "./attach.js";
export { planRows, type PlanRow } from "./plan-rows.js";
