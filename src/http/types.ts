/** One HTTP exchange as the wrappers see it. Bodies are JSON values or pre-encoded strings. */
export interface HttpRequest {
  readonly method: string;
  /** Absolute URL. */
  readonly url: string;
  readonly headers?: Readonly<Record<string, string>>;
  /** A string is sent as is; anything else is sent as JSON. Undefined sends no body. */
  readonly body?: unknown;
  readonly signal?: AbortSignal | undefined;
  /**
   * True when sending twice has the same effect as sending once, whatever the method (a token request, an
   * OData action that deletes). Default: true for GET, HEAD, OPTIONS, PUT and DELETE.
   */
  readonly idempotent?: boolean;
  /**
   * For a non-idempotent request whose outcome is unknown (reset mid-flight, 500, timeout): looks on the server
   * for what the request would have made, resolving to the response to return if it landed, undefined if not.
   */
  readonly readBack?: (signal: AbortSignal | undefined) => Promise<HttpResponse | undefined>;
  /**
   * Which attempt of its call this is, and the retry policy's wait before it: set by the retry wrapper on a retry
   * (absent on a first attempt), read by the request log below it.
   */
  readonly attempt?: { readonly number: number; readonly waitedMs: number };
}

/** A response with its body already read (every body is consumed, so connections go back to the pool). */
export interface HttpResponse {
  readonly status: number;
  /** Lower-case header names. */
  readonly headers: Readonly<Record<string, string | undefined>>;
  /** Parsed JSON, the text when it was not JSON, or undefined when empty. */
  readonly data: unknown;
  /** How many times the request went on the wire (1 when it succeeded first time). */
  readonly attempts?: number;
  /** True when an earlier attempt failed in a way that may still have been applied (a lost reply, not a 503). */
  readonly outcomeUnknown?: boolean;
  /** How many attempts the retry policy allowed (set with `attempts` by the retry wrapper). */
  readonly maxAttempts?: number;
  /** Set when the call's deadline ended the retries (the retry wrapper's `deadlineMs`). */
  readonly deadlineMs?: number | undefined;
}

/** Sends one request and resolves to its response for every HTTP status; rejects only with a TiError. */
export type Send = (request: HttpRequest) => Promise<HttpResponse>;

/** A layer of cross-cutting behaviour around a {@link Send}. */
export type SendWrapper = (next: Send) => Send;
