// Entity shapes and field facts shared by the client and the emulator: types, constants and pure functions only.
export * from "./enums.js";
export * from "./entities.js";
export * from "./fields.js";
export * from "./values.js";
export * from "./dates.js";
export * from "./validate.js";
export * from "./bind.js";
export * from "./examples.js";
export * from "./service.js";
export {
  ACTIONS_BY_TYPE,
  BATCH_DELETE_BODY_KEY,
  BATCH_DELETE_MAX,
  DEFAULT_INDICATOR_SEVERITY,
  IMPORT_BATCH_MAX,
  IMPORT_BODY_KEY,
  INDICATOR_ACTIONS,
  INDICATOR_CAP,
  INDICATOR_ENDPOINTS,
  INDICATOR_FIELDS,
  INDICATOR_FILTER_PROPERTIES,
  INDICATOR_PATHS,
  INDICATOR_RATE_LIMITS,
  INDICATOR_REQUIRED,
  INDICATOR_ROLES,
  INDICATOR_SEVERITIES,
  INDICATOR_SOURCE_TYPES,
  INDICATOR_TYPES,
  INDICATORS_API_HOSTS,
  INDICATORS_API_URL,
  INDICATORS_DEFAULT_SCOPE,
  INDICATORS_RESOURCES,
  LEGACY_ACTIONS,
  LIST_TOP_MAX,
  indicatorAccess,
  indicatorErrorCode,
  indicatorKey,
  indicatorValueRule,
  normalizeIndicatorValue,
  privateIpWarning,
  validateIndicator,
  type ImportIndicatorResult,
  type Indicator,
  type IndicatorAccess,
  type IndicatorAction,
  type IndicatorEndpoint,
  type IndicatorFieldFact,
  type IndicatorInput,
  type IndicatorRole,
  type IndicatorSourceType,
  type IndicatorType,
  type LegacyAction,
  type RateLimit,
  type ValidateIndicatorOptions,
} from "./indicators/index.js";
