// The Indicators API's set (`/api/indicators`) and the choice of service a session speaks.
export {
  createIndicators,
  type ImportOptions,
  type IndicatorListOptions,
  type Indicators,
} from "./indicators.js";
export {
  chooseService,
  SERVICE_DEFAULTS,
  SERVICES,
  serviceOfUrl,
  serviceRoot,
  type ServiceName,
} from "./service.js";
