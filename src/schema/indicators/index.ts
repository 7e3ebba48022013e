// The Indicators API (Defender for Endpoint): the Indicator resource, its enums, rules and documented limits.
// Named re-exports only: what schema/index.ts publishes to the other parts.
export type { Indicator, IndicatorInput, ImportIndicatorResult } from "./entities.js";
export {
  INDICATOR_TYPES,
  INDICATOR_ACTIONS,
  LEGACY_ACTIONS,
  INDICATOR_SEVERITIES,
  DEFAULT_INDICATOR_SEVERITY,
  INDICATOR_SOURCE_TYPES,
  ACTIONS_BY_TYPE,
  type IndicatorType,
  type IndicatorAction,
  type LegacyAction,
  type IndicatorSourceType,
} from "./enums.js";
export {
  INDICATOR_FIELDS,
  INDICATOR_FILTER_PROPERTIES,
  INDICATOR_REQUIRED,
  type IndicatorFieldFact,
  type IndicatorFilterFacts,
} from "./fields.js";
export {
  INDICATOR_ENDPOINTS,
  INDICATOR_RATE_LIMITS,
  INDICATOR_CAP,
  IMPORT_BATCH_MAX,
  BATCH_DELETE_MAX,
  LIST_TOP_MAX,
  IMPORT_BODY_KEY,
  BATCH_DELETE_BODY_KEY,
  INDICATOR_PATHS,
  type RateLimit,
  type IndicatorEndpoint,
} from "./limits.js";
export {
  INDICATORS_API_URL,
  INDICATORS_API_HOSTS,
  INDICATORS_RESOURCES,
  INDICATORS_DEFAULT_SCOPE,
  INDICATOR_ROLES,
  indicatorAccess,
  type IndicatorRole,
  type IndicatorAccess,
} from "./service.js";
export { validateIndicator, indicatorErrorCode, type ValidateIndicatorOptions } from "./validate.js";
export { indicatorValueRule, normalizeIndicatorValue, privateIpWarning, indicatorKey } from "./values.js";
