const BRAND = Symbol.for("ti-console.TiError");

/** Fields common to every error about one HTTP exchange. Never holds a header value or a body with secrets. */
export interface RequestContext {
  readonly method: string;
  /** The request URL with any query string kept but credentials removed. */
  readonly url: string;
}

/**
 * The base of every error ti-console throws. Recognise one with {@link isTiError}, which works across REPL and
 * notebook contexts where `instanceof` does not.
 */
export class TiError extends Error {
  /** A stable machine-readable kind, e.g. `http`, `network`, `timeout`, `auth`, `validation`, `rate-limited`. */
  readonly kind: string = "ti";
  constructor(message: string, options?: ErrorOptions) {
    super(message, options);
    this.name = new.target.name;
    Object.defineProperty(this, BRAND, { value: true });
  }
}

/**
 * True for any ti-console error, even one made in another realm (a REPL context, a notebook cell).
 * @example isTiError(err) && err.kind === "http"
 */
export function isTiError(value: unknown): value is TiError {
  return typeof value === "object" && value !== null && (value as Record<symbol, unknown>)[BRAND] === true;
}

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
  constructor(init: {
    status: number;
    code?: string | undefined;
    serviceMessage?: string | undefined;
    requestId?: string | undefined;
    context: RequestContext;
    message?: string;
  }) {
    const detail = [init.code, init.serviceMessage].filter(Boolean).join(": ");
    super(
      init.message ??
        `${init.context.method} ${init.context.url} failed with ${init.status}${detail ? ` ${detail}` : ""}`,
    );
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

/** The request never got an HTTP answer (refused, reset, DNS). The underlying error is in `cause`. */
export class NetworkError extends TiError {
  override readonly kind: string = "network";
  readonly method: string;
  readonly url: string;
  constructor(context: RequestContext, cause: unknown) {
    super(`${context.method} ${context.url} failed: ${describeCause(cause)}`, { cause });
    this.method = context.method;
    this.url = context.url;
  }
}

/** The request took longer than its timeout. */
export class TimeoutError extends TiError {
  override readonly kind: string = "timeout";
  readonly method: string;
  readonly url: string;
  readonly timeoutMs: number;
  constructor(context: RequestContext, timeoutMs: number) {
    super(`${context.method} ${context.url} timed out after ${timeoutMs} ms`);
    this.method = context.method;
    this.url = context.url;
    this.timeoutMs = timeoutMs;
  }
}

/** Getting a token failed. The message says what to check; it never contains the secret. */
export class AuthError extends TiError {
  override readonly kind: string = "auth";
  /** Azure AD's `error` code, e.g. `invalid_client`. */
  readonly code: string | undefined;
  readonly status: number | undefined;
  constructor(
    message: string,
    init: { code?: string | undefined; status?: number | undefined; cause?: unknown } = {},
  ) {
    super(message, init.cause === undefined ? undefined : { cause: init.cause });
    this.code = init.code;
    this.status = init.status;
  }
}

/** One broken rule (the same shape as the schema's `Violation`; `http` imports nothing else in src). */
export interface FieldViolation {
  readonly field: string;
  readonly value: unknown;
  readonly rule: string;
}

/**
 * Input broke a rule before any request was sent. The message names every field, value and rule; the caller
 * writes it with the schema's `describeViolation`.
 */
export class ValidationError extends TiError {
  override readonly kind: string = "validation";
  readonly violations: readonly FieldViolation[];
  constructor(message: string, violations: readonly FieldViolation[]) {
    super(message);
    this.violations = violations;
  }
}

/**
 * The session is configured in a way that cannot work or would be unsafe (missing credentials, a bearer token
 * over plain http to a remote host). Raised before anything is sent.
 */
export class ConfigurationError extends TiError {
  override readonly kind: string = "config";
}

/**
 * A bulk upload stopped part-way: the chunks before the failing one were applied (each chunk is all or nothing).
 * `created` holds what they made; `cause` is the failing chunk's error.
 */
export class BulkUploadError extends TiError {
  override readonly kind: string = "bulk";
  /** Items applied before the failure. */
  readonly uploaded: number;
  /** The entities those items created. */
  readonly created: readonly unknown[];
  constructor(init: { uploaded: number; total: number; created: readonly unknown[]; cause: unknown }) {
    const why = init.cause instanceof Error ? init.cause.message : String(init.cause);
    super(
      `Bulk upload stopped after ${init.uploaded} of ${init.total} items (the earlier chunks were applied): ${why}`,
      { cause: init.cause },
    );
    this.uploaded = init.uploaded;
    this.created = init.created;
  }
}

/** The operation was cancelled through its AbortSignal. */
export class AbortedError extends TiError {
  override readonly kind: string = "aborted";
  constructor(reason?: unknown) {
    super("The operation was aborted", reason === undefined ? undefined : { cause: reason });
  }
}

function describeCause(cause: unknown): string {
  if (cause instanceof Error) {
    const code = (cause as { code?: unknown }).code;
    return typeof code === "string" ? `${code} (${cause.message})` : cause.message;
  }
  return String(cause);
}
