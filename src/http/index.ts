// The HTTP layer: one send with wrappers around it, OData query building and paging.
// Named re-exports only: what other parts and the public door use (add a name here when another part needs it).
export { systemClock, sleep, abortable, type Clock } from "./clock.js";
export { composeSend } from "./compose.js";
export {
  literal,
  where,
  isFilter,
  comparison,
  membership,
  propertyName,
  type ComparisonOperator,
  type FilterValue,
  type Filter,
  type WhereHelper,
} from "./filter.js";
export { withConcurrencyLimit } from "./limit.js";
export {
  createRequestLog,
  type RequestLogEntry,
  type RequestListener,
  type RequestLog,
  type RetryLogEntry,
  type RetryAwareListener,
  type RequestLogOptions,
  type SubscribeOptions,
} from "./log.js";
export { buildQuery, type ODataQuery } from "./odata-query.js";
export { makePage, PagedList, type Page, type ToArrayOptions } from "./paging.js";
export {
  normalizeRetryPolicy,
  decideRetry,
  backoffDelayMs,
  parseRetryAfter,
  type RetryPolicy,
} from "./retry-policy.js";
export {
  createRateBudget,
  withRateBudget,
  type BudgetCall,
  type BudgetRule,
  type CallLedger,
  type RateBudget,
  type RateBudgetOptions,
  type RateWindow,
} from "./rate-budget.js";
export { withReadOnly } from "./read-only.js";
export { withRetry, type RetryNotice } from "./retry.js";
export { withDefaultSignal, type SignalSource } from "./signal.js";
export { readODataError, errorForResponse } from "./status.js";
export { createPauseGate, withOriginPause } from "./throttle.js";
export { createAgent, createTransport } from "./transport.js";
export { type HttpRequest, type HttpResponse, type Send, type SendWrapper } from "./types.js";
export { redactUrl, mayCarryBearer, sameOrigin } from "./url.js";
