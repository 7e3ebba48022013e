// Entity shapes and field facts shared by the client and the emulator: types, constants and pure functions only.
// Named re-exports only: what other parts and the public door use (add a name here when another part needs it).
export { parseAlertDefinitionRef, alertDefinitionRef } from "./bind.js";
export { dateTimeRule, isDateTime } from "./dates.js";
export {
  ENTITY_SETS,
  type AlertDefinition,
  type IndicatorOfCompromise,
  type AlertDefinitionInput,
  type IocInput,
  type ServerFields,
  type EntitySetName,
} from "./entities.js";
export {
  SEVERITIES,
  CATEGORIES,
  IOC_TYPES,
  DETECTION_FUNCTIONS,
  type Severity,
  type Category,
  type IocType,
  type DetectionFunction,
} from "./enums.js";
export { DOCS_ALERT_DEFINITION, DOCS_IOC } from "./examples.js";
export {
  ALERT_DEFINITION_FIELDS,
  IOC_FIELDS,
  FIELDS_BY_SET,
  NAVIGATION,
  IOC_BIND_PROPERTY,
  BULK_UPLOAD_MAX,
  BULK_UPLOAD_BODY_KEY,
  type EdmType,
  type FieldFact,
} from "./fields.js";
export { DEFAULT_API_URL, DOCUMENTED_RESOURCES, DEFAULT_RESOURCE } from "./service.js";
export { validateEntity, describeViolation, type Violation } from "./validate.js";
export { isIpv4, isIpv6, isDomainName, normalizeValue, inferIocType } from "./values.js";
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
