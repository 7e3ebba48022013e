// The API layer: the session and its entity sets, built on http, auth and schema.
export type { ApiContext, CallOptions, GetOptions, ListOptions, WarningListener } from "./context.js";
export type { EntitySet, WriteOptions } from "./entity-set.js";
export type { FieldWhere, IsoDateTime, Operands } from "./where.js";
export { OPTION_KEYS } from "./options.js";
export { markChecked, type BulkUploadOptions } from "./bulk-upload.js";
export { createAlerts, type Alerts } from "./alerts.js";
export { createIocs, type IocCreateInput, type Iocs } from "./iocs.js";
export { Session, type SessionConfig, type SessionSettings, type SessionToken } from "./session.js";
export {
  chooseService,
  createIndicators,
  SERVICE_DEFAULTS,
  SERVICES,
  serviceOfUrl,
  serviceRoot,
  type ImportOptions as IndicatorImportOptions,
  type IndicatorListOptions,
  type Indicators,
  type ServiceName,
} from "./indicators/index.js";
