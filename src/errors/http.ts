import { attemptsNote, TiError, type Attempts, type RequestContext } from "./base.js";

/** The service answered with an error status. Carries the OData error code, message and request id. */
export class HttpError extends TiError {
  override readonly kind: string = "http";
  readonly status: number;
  /** OData error code, e.g. `InvalidInput`, `ResourceNotFound`; undefined when the body had none. */
  readonly code: string | undefined;
  /** The service's own message (free text), without our prefix. */
  readonly serviceMessage: string | undefined;
  /** The per-request id to quote to support (`error.target` or a request-id header). */
  readonly requestId: string | undefined;
  readonly method: string;
  readonly url: string;
  /** How many times the request went on the wire (1 when it was not retried). */
  readonly attempts: number;
  constructor(init: {
    status: number;
    code?: string | undefined;
    serviceMessage?: string | undefined;
    requestId?: string | undefined;
    context: RequestContext;
    message?: string;
    /** The retry wrapper's count, named in the message when the request was retried. */
    tries?: Attempts | undefined;
  }) {
    const detail = [init.code, init.serviceMessage].filter(Boolean).join(": ");
    const retried = init.tries && init.tries.attempts > 1 ? init.tries : undefined;
    super(
      (init.message ??
        `${init.context.method} ${init.context.url} failed with ${init.status}${detail ? ` ${detail}` : ""}`) +
        attemptsNote(retried),
    );
    this.attempts = init.tries?.attempts ?? 1;
    this.status = init.status;
    this.code = init.code;
    this.serviceMessage = init.serviceMessage;
    this.requestId = init.requestId;
    this.method = init.context.method;
    this.url = init.context.url;
  }
}

/** 507 Insufficient Storage: a tenant quota (all entities, or IOCs whose DetectionFunction is not Equals) is full. */
export class QuotaExceededError extends HttpError {
  override readonly kind: string = "quota";
}

/** The service kept answering 429 and asked for a wait longer than the retry ceiling. */
export class RateLimitedError extends HttpError {
  override readonly kind: string = "rate-limited";
  /** How long the service asked us to wait before trying again. */
  readonly retryAfterMs: number;
  constructor(init: ConstructorParameters<typeof HttpError>[0] & { retryAfterMs: number }) {
    super(init);
    this.retryAfterMs = init.retryAfterMs;
  }
}

/**
 * The request never got an HTTP answer (refused, reset, DNS). The underlying error is in `cause`; `attempts` and
 * the message say how many times it was tried when the retry wrapper ended it.
 */
export class NetworkError extends TiError {
  override readonly kind: string = "network";
  readonly method: string;
  readonly url: string;
  /** How many times the request went on the wire. */
  readonly attempts: number;
  constructor(context: RequestContext, cause: unknown, tries?: Attempts) {
    super(`${context.method} ${context.url} failed: ${describeCause(cause)}${attemptsNote(tries)}`, {
      cause,
    });
    this.method = context.method;
    this.url = context.url;
    this.attempts = tries?.attempts ?? 1;
  }
}

/** The request took longer than its per-attempt timeout; `attempts` as for {@link NetworkError}. */
export class TimeoutError extends TiError {
  override readonly kind: string = "timeout";
  readonly method: string;
  readonly url: string;
  readonly timeoutMs: number;
  /** How many times the request went on the wire. */
  readonly attempts: number;
  constructor(context: RequestContext, timeoutMs: number, tries?: Attempts) {
    super(`${context.method} ${context.url} timed out after ${timeoutMs} ms${attemptsNote(tries)}`);
    this.method = context.method;
    this.url = context.url;
    this.timeoutMs = timeoutMs;
    this.attempts = tries?.attempts ?? 1;
  }
}

function describeCause(cause: unknown): string {
  if (cause instanceof Error) {
    const code = (cause as { code?: unknown }).code;
    return typeof code === "string" ? `${code} (${cause.message})` : cause.message;
  }
  return String(cause);
}
