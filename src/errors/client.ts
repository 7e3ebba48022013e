import { TiError } from "./base.js";

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

/** One broken rule (the same shape as the schema's `Violation`; the error family imports nothing else in src). */
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
