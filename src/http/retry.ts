import { AbortedError, NetworkError, TimeoutError, type Attempts } from "../errors/index.js";
import {
  decideRetry,
  mayHaveApplied,
  parseRetryAfter,
  type AttemptOutcome,
  type RetryPolicy,
} from "./retry-policy.js";
import { systemClock, type Clock } from "./clock.js";
import { errorForResponse } from "./status.js";
import type { HttpRequest, HttpResponse, Send, SendWrapper } from "./types.js";
import { redactUrl } from "./url.js";

/** A retry about to happen, as the retry wrapper announces it (before its wait). */
export interface RetryNotice {
  readonly method: string;
  /** Redacted like every logged URL. */
  readonly url: string;
  /** The attempt about to be made: 2 is the first retry. */
  readonly attempt: number;
  readonly maxAttempts: number;
  /** What the previous attempt ended with: a status (`503`) or an error (`timeout`, `ECONNRESET`). */
  readonly reason: string;
  /** The wait before the attempt. */
  readonly delayMs: number;
}

/** Options of {@link withRetry}. */
export interface RetryWrapperOptions {
  readonly policy: RetryPolicy;
  /** Reads Retry-After dates and waits between attempts. Default: {@link systemClock}. */
  readonly clock?: Clock;
  /** Jitter source, injectable for tests. Default: Math.random. */
  readonly random?: () => number;
  /** Told of each retry before its wait (the request log's retry listeners). Default: none. */
  readonly onRetry?: (notice: RetryNotice) => void;
}

/**
 * Re-sends a failed attempt as the policy decides, waiting (abortably) between attempts; a non-idempotent
 * request whose outcome is unknown is read back first, so a retry never creates a duplicate.
 * @example const send = withRetry({ policy: normalizeRetryPolicy() })(transport)
 */
export function withRetry(options: RetryWrapperOptions): SendWrapper {
  const clock = options.clock ?? systemClock;
  const { policy } = options;
  const maxAttempts = policy.limit + 1;
  return (next) => async (request) => {
    const facts = { method: request.method, idempotent: request.idempotent, canReadBack: !!request.readBack };
    const started = clock.now();
    // Whether an earlier, failed attempt may have been applied (a reset, a timeout, a 500), told to the caller.
    let outcomeUnknown = false;
    let sent = request;
    for (let attempt = 1; ; attempt++) {
      const result = await attemptOnce(next, sent, clock);
      const decision = decideRetry(policy, facts, attempt, result.outcome, options.random);
      if (decision.action === "rate-limited") throw rateLimited(request, result, decision.retryAfterMs);
      // The deadline ends the retries as the limit does: the next attempt would start after it.
      const late =
        decision.action === "retry" && clock.now() - started + decision.delayMs >= policy.deadlineMs;
      if (decision.action === "stop" || late) {
        return ended(
          result,
          { attempts: attempt, maxAttempts, deadlineMs: late ? policy.deadlineMs : undefined },
          outcomeUnknown,
        );
      }
      outcomeUnknown ||= mayHaveApplied(policy, result.outcome);
      options.onRetry?.({
        method: request.method,
        url: redactUrl(request.url),
        attempt: attempt + 1,
        maxAttempts,
        reason: reasonOf(result),
        delayMs: decision.delayMs,
      });
      await clock.sleep(decision.delayMs, request.signal);
      if (decision.readBackFirst && request.readBack) {
        const landed = await readBack(request, result, attempt);
        if (landed) return landed;
      }
      sent = { ...request, attempt: { number: attempt + 1, waitedMs: decision.delayMs } };
    }
  };
}

/** The last attempt's response with the count, or its error again carrying the count in field and message. */
function ended(result: AttemptResult, tries: Attempts, outcomeUnknown: boolean): HttpResponse {
  // Object.assign, not spreads: on Node 20 a spread followed by more properties takes V8's slow path (~2 µs here,
  // on every response of the session).
  if ("response" in result) return Object.assign({}, result.response, tries, { outcomeUnknown });
  const { error } = result;
  const context = { method: error.method, url: error.url };
  if (error instanceof TimeoutError) throw new TimeoutError(context, error.timeoutMs, tries);
  throw new NetworkError(context, error.cause, tries);
}

function reasonOf(result: AttemptResult): string {
  if ("response" in result) return String(result.response.status);
  if (result.error instanceof TimeoutError) return "timeout";
  return errorCode(result.error.cause) ?? "network error";
}

/**
 * The read-back's answer, or undefined when nothing landed. When the read-back itself fails (the service may not
 * support its query), nobody can tell whether the request landed, so the original failure is what the caller gets.
 */
async function readBack(
  request: HttpRequest,
  result: AttemptResult,
  attempt: number,
): Promise<HttpResponse | undefined> {
  try {
    const landed = await request.readBack!(request.signal);
    return landed && { ...landed, attempts: attempt };
  } catch (error) {
    if (request.signal?.aborted) throw error;
    if ("error" in result) throw result.error;
    return { ...result.response, attempts: attempt };
  }
}

type AttemptResult =
  | { readonly response: HttpResponse; readonly outcome: AttemptOutcome }
  | { readonly error: NetworkError | TimeoutError; readonly outcome: AttemptOutcome };

/**
 * One attempt, with network failures turned into an outcome the policy can judge (other errors propagate). A
 * failure after the caller aborted is the abort, whatever the layer below called it: it is never retried.
 */
function attemptOnce(next: Send, request: HttpRequest, clock: Clock): Promise<AttemptResult> {
  // Handlers on the promise, not an async function: thousands of attempts wait for a slot at once in a bulk run,
  // and each async frame (generator, context, await closures) stayed live through every scavenge (issue 14).
  return next(request).then(
    (response): AttemptResult => {
      const retryAfterMs = parseRetryAfter(response.headers["retry-after"], clock.now());
      return { response, outcome: { status: response.status, retryAfterMs } };
    },
    (error: unknown): AttemptResult => {
      if (request.signal?.aborted && !(error instanceof AbortedError))
        throw new AbortedError(request.signal.reason);
      if (error instanceof NetworkError)
        return { error, outcome: { networkErrorCode: errorCode(error.cause) } };
      if (error instanceof TimeoutError) return { error, outcome: { networkErrorCode: undefined } };
      throw error;
    },
  );
}

function rateLimited(request: HttpRequest, result: AttemptResult, retryAfterMs: number): Error {
  if ("error" in result) return result.error;
  return errorForResponse(request, result.response, retryAfterMs) ?? new Error("not an error response");
}

/** The first `code` string along an error's cause chain (undici nests the socket error). */
function errorCode(error: unknown): string | undefined {
  for (let current = error, depth = 0; current && depth < 5; depth++) {
    const code = (current as { code?: unknown }).code;
    if (typeof code === "string" && !code.startsWith("UND_ERR_SOCKET")) return code;
    current = (current as { cause?: unknown }).cause;
  }
  return undefined;
}
