/**
 * When and how long to retry, as data. Defaults: 6 retries within a 60 s deadline; 408, 429, 500, 502, 503, 504
 * and network errors except ENOTFOUND; exponential backoff from 500 ms with full jitter, capped at 30 s;
 * Retry-After honoured up to 60 s.
 * @example connect({ retry: { limit: 2, baseDelayMs: 100 } })
 */
export interface RetryPolicy {
  /** Retries after the first attempt. */
  readonly limit: number;
  /** Methods that may be re-sent whatever happened to the first attempt. */
  readonly idempotentMethods: readonly string[];
  /** Statuses worth another attempt. */
  readonly statusCodes: readonly number[];
  /** Statuses that say the request was not applied, so even a POST may be re-sent. */
  readonly notAppliedStatusCodes: readonly number[];
  /** Network error codes raised before the request reached the server (safe to re-send any method). */
  readonly notAppliedErrorCodes: readonly string[];
  /** Network error codes that do not pass on the scale of one call, so it fails at once (a name that does not exist). */
  readonly permanentErrorCodes: readonly string[];
  /**
   * A call's overall deadline, from its first attempt: no retry starts (nor a wait for one) that would begin
   * after it; an attempt in flight ends by its own timeout.
   */
  readonly deadlineMs: number;
  readonly baseDelayMs: number;
  readonly maxDelayMs: number;
  /** A longer Retry-After than this is not waited out: the caller gets a RateLimitedError instead. */
  readonly retryAfterCeilingMs: number;
}

/** The defaults of {@link RetryPolicy}. */
export const DEFAULT_RETRY_POLICY: RetryPolicy = {
  limit: 6,
  idempotentMethods: ["GET", "HEAD", "OPTIONS", "PUT", "DELETE"],
  statusCodes: [408, 429, 500, 502, 503, 504],
  notAppliedStatusCodes: [429, 503],
  notAppliedErrorCodes: ["ECONNREFUSED", "ENOTFOUND", "EAI_AGAIN", "UND_ERR_CONNECT_TIMEOUT"],
  permanentErrorCodes: ["ENOTFOUND"],
  deadlineMs: 60_000,
  baseDelayMs: 500,
  maxDelayMs: 30_000,
  retryAfterCeilingMs: 60_000,
};

/**
 * A full policy from partial options, defaults applied once.
 * @example normalizeRetryPolicy({ limit: 0 }) // never retries
 */
export function normalizeRetryPolicy(options: Partial<RetryPolicy> = {}): RetryPolicy {
  return { ...DEFAULT_RETRY_POLICY, ...options };
}

/** What happened to one attempt: an HTTP status, or a network-level failure with its code. */
export type AttemptOutcome =
  | { readonly status: number; readonly retryAfterMs?: number | undefined }
  | { readonly networkErrorCode: string | undefined };

/** What to do after a failed attempt. `readBackFirst`: look for the effect before re-sending. */
export type RetryDecision =
  | { readonly action: "stop" }
  | { readonly action: "rate-limited"; readonly retryAfterMs: number }
  | { readonly action: "retry"; readonly delayMs: number; readonly readBackFirst: boolean };

/** The facts the decision needs about the request. */
export interface RetryRequestFacts {
  readonly method: string;
  readonly idempotent?: boolean | undefined;
  readonly canReadBack: boolean;
}

/**
 * Decides whether attempt number `attempt` (1 = the first) is followed by another, as a flat run of early exits.
 * `random` is injectable for tests. Pure.
 * @example decideRetry(policy, { method: "GET", canReadBack: false }, 1, { status: 503 })
 */
export function decideRetry(
  policy: RetryPolicy,
  request: RetryRequestFacts,
  attempt: number,
  outcome: AttemptOutcome,
  random: () => number = Math.random,
): RetryDecision {
  const isStatus = "status" in outcome;
  if (isStatus && !policy.statusCodes.includes(outcome.status)) return { action: "stop" };
  if (!isStatus && policy.permanentErrorCodes.includes(outcome.networkErrorCode ?? ""))
    return { action: "stop" };
  const retryAfterMs = isStatus ? outcome.retryAfterMs : undefined;
  if (retryAfterMs !== undefined && retryAfterMs > policy.retryAfterCeilingMs) {
    return { action: "rate-limited", retryAfterMs };
  }
  if (attempt > policy.limit) {
    return isStatus && outcome.status === 429
      ? { action: "rate-limited", retryAfterMs: retryAfterMs ?? 0 }
      : { action: "stop" };
  }
  const safe = isSafeToResend(policy, request, outcome);
  if (!safe && !request.canReadBack) return { action: "stop" };
  const delayMs = retryAfterMs ?? backoffDelayMs(policy, attempt, random);
  return { action: "retry", delayMs, readBackFirst: !safe };
}

function isSafeToResend(policy: RetryPolicy, request: RetryRequestFacts, outcome: AttemptOutcome): boolean {
  if (request.idempotent ?? policy.idempotentMethods.includes(request.method.toUpperCase())) return true;
  return !mayHaveApplied(policy, outcome);
}

/**
 * True unless the failed attempt's outcome says the service did not act: a not-applied status (429, 503) or a
 * network error raised before the request reached the server. A lost reply, a reset or a timeout may have applied.
 * @example mayHaveApplied(DEFAULT_RETRY_POLICY, { status: 503 }) // false
 */
export function mayHaveApplied(policy: RetryPolicy, outcome: AttemptOutcome): boolean {
  if ("status" in outcome) return !policy.notAppliedStatusCodes.includes(outcome.status);
  return !(
    outcome.networkErrorCode !== undefined && policy.notAppliedErrorCodes.includes(outcome.networkErrorCode)
  );
}

/**
 * Exponential backoff with full jitter: a uniform wait in [0, min(max, base * 2^(attempt-1))).
 * @example backoffDelayMs(DEFAULT_RETRY_POLICY, 3, () => 0.5) // 1000
 */
export function backoffDelayMs(
  policy: Pick<RetryPolicy, "baseDelayMs" | "maxDelayMs">,
  attempt: number,
  random: () => number = Math.random,
): number {
  const ceiling = Math.min(policy.maxDelayMs, policy.baseDelayMs * 2 ** Math.max(0, attempt - 1));
  return Math.floor(random() * ceiling);
}

/**
 * A Retry-After header as milliseconds from `nowMs`: delta-seconds or an HTTP date; undefined when absent or
 * unreadable; never negative.
 * @example parseRetryAfter("2", Date.now()) // 2000
 */
export function parseRetryAfter(value: string | undefined, nowMs: number): number | undefined {
  if (value === undefined) return undefined;
  const text = value.trim();
  if (/^\d+(\.\d+)?$/.test(text)) return Math.round(Number(text) * 1000);
  const at = Date.parse(text);
  return Number.isNaN(at) ? undefined : Math.max(0, at - nowMs);
}
