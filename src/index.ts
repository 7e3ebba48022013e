// The public door of the library: each name here is a compatibility promise, listed in etc/api-report.md (run
// `npm run api:report` after changing it). Internals stay in their modules. The console and the emulator have
// their own entry points (`ti-console` bin, `ti-console/emulator`).

// Connecting: the options, the session and what it is built from.
export { connect, type ConnectOptions, type ConnectedSession } from "./connect.js";
export type { Session, SessionConfig, SessionToken, WarningListener } from "./api/index.js";
export type { TokenInfo } from "./auth/index.js";
export type {
  BudgetCall,
  CallLedger,
  Clock,
  RetryPolicy,
  SignalSource,
  RequestListener,
  RequestLogEntry,
} from "./http/index.js";

// The entity sets, their calls and lists.
export type {
  Alerts,
  Iocs,
  IocCreateInput,
  EntitySet,
  CallOptions,
  GetOptions,
  ListOptions,
  WriteOptions,
  BulkUploadOptions,
} from "./api/index.js";
export type { Page, PagedList, ToArrayOptions, ODataQuery } from "./http/index.js";

// The Indicators API (Defender for Endpoint): `session.indicators`, chosen by `connect({ service })` or the API URL.
export type { Indicators, IndicatorListOptions, IndicatorImportOptions, ServiceName } from "./api/index.js";
export {
  INDICATOR_ACTIONS,
  INDICATOR_SEVERITIES,
  INDICATOR_TYPES,
  type Indicator,
  type IndicatorInput,
  type IndicatorAction,
  type IndicatorType,
  type ImportIndicatorResult,
} from "./schema/index.js";

// Filters: `where.eq("Type", "Sha1")`, or typed by entity as `iocs.where` / `alerts.where`.
export { where, type Filter, type FilterValue, type WhereHelper } from "./http/index.js";
export type { FieldWhere, IsoDateTime, Operands } from "./api/index.js";

// Entities as Microsoft documents them, and the enumerations their fields take.
export {
  SEVERITIES,
  CATEGORIES,
  IOC_TYPES,
  DETECTION_FUNCTIONS,
  severityRank,
  compareSeverity,
  type AlertDefinition,
  type AlertDefinitionInput,
  type IndicatorOfCompromise,
  type IocInput,
  type ServerFields,
  type Violation,
  type Severity,
  type Category,
  type IocType,
  type DetectionFunction,
  type EnumInput,
} from "./schema/index.js";

// The error family: `isTiError(e)`, then `e.kind`.
export {
  TiError,
  isTiError,
  HttpError,
  QuotaExceededError,
  RateLimitedError,
  NetworkError,
  TimeoutError,
  AuthError,
  ValidationError,
  ConfigurationError,
  BulkUploadError,
  AbortedError,
  type RequestContext,
  type FieldViolation,
} from "./errors/index.js";

// Display: value in, string out (what the console prints and the notebooks show).
export {
  pp,
  formatTable,
  formatRecord,
  formatVertical,
  formatValue,
  formatError,
  toCsv,
  toJson,
  toHtml,
  escapeHtml,
  type DisplayOptions,
  type DisplayBundle,
  type Formatted,
  type HtmlDisplay,
} from "./display/index.js";

// Charts for notebooks (optional packages vega and vega-lite): `(await chart("bar", rows, { by: "Severity" })).display(tslab.display)`.
export {
  chart,
  type Chart,
  type ChartBundle,
  type ChartCount,
  type ChartKind,
  type ChartOptions,
} from "./chart/index.js";

// Notebook helpers: the request log shown as the docs show exchanges, on the real service's URLs.
export {
  serviceUrl,
  exchangeBundle,
  requestTimeline,
  type ExchangeDisplayOptions,
  type TimelineRow,
} from "./notebook/index.js";

// Bulk edits, reached as `iocs.import(...)`, `iocs.updateWhere(...)`, ...: their plans, options and results.
export {
  planRows,
  type PlanRow,
  type IocBulkEdits,
  type AlertBulkEdits,
  type ImportInput,
  type InputFormat,
  type ImportOptions,
  type ImportPlan,
  type ApplicableImportPlan,
  type ImportCounts,
  type PlannedUpdate,
  type PlannedUnchanged,
  type Rejection,
  type Candidate,
  type Duplicate,
  type EditPlan,
  type EditItem,
  type EditOptions,
  type ExportOptions,
  type ApplyOptions,
  type Progress,
  type BulkResult,
  type BulkOperation,
  type ItemFailure,
  type Stop,
  importIndicators,
  type IndicatorBulkEdits,
  type BulkIndicators,
  type IndicatorBulkImportOptions,
  type IndicatorImportPlan,
  type IndicatorEditPlan,
  type IndicatorItem,
  type IndicatorDefaults,
  type IndicatorSets,
  syncIndicators,
  SYNC_PRIORITIES,
  type SyncPriority,
  type SyncOptions,
  type IndicatorSyncPlan,
  type SyncPart,
  type SyncDelete,
  type SyncLeftAlone,
  type UnknownDeviceGroups,
  migrate,
  type MigrateOptions,
  type MigrationCheck,
  type MigrationPair,
  type MigrationPart,
  type MigrationPlan,
  type MigrationSource,
  type NotMigrated,
} from "./bulk/index.js";
