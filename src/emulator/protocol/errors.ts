import { describeViolation, type Violation } from "../../schema/index.js";

/**
 * A failure the protocol layer turns into the OData error body
 * `{"error": {"code", "message", "target": <request id>}}`. Handlers throw these; nothing else reaches the wire.
 */
export class ODataFailure extends Error {
  readonly status: number;
  readonly code: string;
  readonly headers: Readonly<Record<string, string>>;
  constructor(status: number, code: string, message: string, headers: Record<string, string> = {}) {
    super(message);
    this.status = status;
    this.code = code;
    this.headers = headers;
  }
}

/** The OData error body for a failure and a request id. */
export function errorBody(failure: ODataFailure, requestId: string): object {
  return { error: { code: failure.code, message: failure.message, target: requestId } };
}

// One factory per documented code, so the statuses and codes live in one place.

/** 400 ODataError: a bad query option or URL. */
export const odataError = (message: string): ODataFailure => new ODataFailure(400, "ODataError", message);

/** 400 InvalidRequestBody: the body is not what the operation takes. */
export const invalidBody = (message: string): ODataFailure =>
  new ODataFailure(400, "InvalidRequestBody", message);

/** 400 MaximumBatchSizeExceeded, reporting received vs allowed. */
export const batchTooLarge = (received: number, allowed: number): ODataFailure =>
  new ODataFailure(
    400,
    "MaximumBatchSizeExceeded",
    `Received ${received} entities; at most ${allowed} are allowed`,
  );

/** 401 Unauthorized with the Bearer challenge. */
export const unauthorized = (why: string): ODataFailure =>
  new ODataFailure(401, "Unauthorized", `Authorization failed: ${why}`, {
    "WWW-Authenticate": `Bearer error="invalid_token", error_description="${why.replace(/"/g, "'")}"`,
  });

/** 404 NotFound: no such path. */
export const pathNotFound = (path: string): ODataFailure =>
  new ODataFailure(404, "NotFound", `No resource at ${path}`);

/** 404 ResourceNotFound: a well-formed key that names no entity. */
export const entityNotFound = (set: string, id: number): ODataFailure =>
  new ODataFailure(404, "ResourceNotFound", `${set}(${id}) does not exist`);

/** 405 with the Allow header. */
export const methodNotAllowed = (method: string, allow: readonly string[]): ODataFailure =>
  new ODataFailure(405, "MethodNotAllowed", `${method} is not allowed here; use ${allow.join(", ")}`, {
    Allow: allow.join(", "),
  });

/** 413: the body is larger than the emulator reads. */
export const bodyTooLarge = (limit: number): ODataFailure =>
  new ODataFailure(413, "RequestEntityTooLarge", `The request body is larger than ${limit} bytes`);

/** 503 ServiceUnavailable with Retry-After: request bodies in flight use up the emulator's memory budget. */
export const serverBusy = (): ODataFailure =>
  new ODataFailure(503, "ServiceUnavailable", "Too many request bodies in flight; retry shortly", {
    "Retry-After": "1",
  });

/** 429 TooManyRequests with Retry-After seconds. */
export const tooManyRequests = (retryAfterSeconds: number, why: string): ODataFailure =>
  new ODataFailure(429, "TooManyRequests", `${why}; retry after ${retryAfterSeconds} s`, {
    "Retry-After": String(retryAfterSeconds),
  });

/** 507 InsufficientStorage: a quota is full. */
export const quotaExceeded = (message: string): ODataFailure =>
  new ODataFailure(507, "InsufficientStorage", message);

/** 507 InsufficientStorage (a full disk) or 503 with Retry-After (another I/O failure): the write was not kept. */
export const storageFailed = (full: boolean): ODataFailure =>
  full
    ? new ODataFailure(507, "InsufficientStorage", "The state file's disk is full; the write was not stored")
    : new ODataFailure(
        503,
        "ServiceUnavailable",
        "The state file could not take the write; it was not stored",
        {
          "Retry-After": "5",
        },
      );

/** 500 InternalServerError: a bug in the emulator (never expected; tests assert it never happens). */
export const internalError = (): ODataFailure =>
  new ODataFailure(500, "InternalServerError", "The emulator failed to handle the request");

const VALUE_CODES: Readonly<Record<string, string>> = {
  Sha1: "InvalidHashValue",
  Sha256: "InvalidHashValue",
  Md5: "InvalidHashValue",
  IpAddress: "InvalidIpAddress",
  DomainName: "InvalidDomainName",
};

/**
 * 400 for schema violations: the message names field, value and rule of each; the code is the most specific
 * documented one (MissingRequiredParameter, InvalidHashValue, ...).
 * @example validationFailed([{ field: "Name", value: undefined, rule: "is required" }], "")
 */
export function validationFailed(
  violations: readonly Violation[],
  prefix = "",
  type?: unknown,
): ODataFailure {
  const first = violations[0];
  let code = "InvalidInput";
  if (first?.rule === "is required") code = "MissingRequiredParameter";
  else if (first?.field === "Value" && typeof type === "string") code = VALUE_CODES[type] ?? code;
  else if (first?.rule.startsWith("is not a property")) code = "InvalidRequestBody";
  const message = violations.map((v) => `${prefix}${describeViolation(v)}`).join("; ");
  return new ODataFailure(400, code, message);
}
