import type { TiError } from "../errors/index.js";
import { paint } from "./colors.js";
import { normalizeDisplayOptions, type DisplayOptions } from "./options.js";
import { oneLine } from "./text.js";

// Same brand as src/http/errors.ts. Display may only import types from http, so it reads the brand itself;
// a test pins the two together.
const BRAND = Symbol.for("ti-console.TiError");

/** True for a ti-console error from any realm (brand check; `instanceof` fails across REPL contexts). */
export function isBrandedTiError(value: unknown): value is TiError {
  return typeof value === "object" && value !== null && (value as Record<symbol, unknown>)[BRAND] === true;
}

/** True for anything error-shaped from any realm: a TiError, or an object with a string name and message. */
export function isErrorLike(value: unknown): value is Error {
  if (isBrandedTiError(value)) return true;
  if (typeof value !== "object" || value === null) return false;
  const e = value as { name?: unknown; message?: unknown; stack?: unknown };
  return typeof e.message === "string" && (typeof e.name === "string" || typeof e.stack === "string");
}

type HttpFields = { status?: unknown; code?: unknown; serviceMessage?: unknown; requestId?: unknown };

/**
 * An error as one clear line: for HTTP errors status, OData code, the service's message and the request id;
 * for others the kind and message. Never a stack trace (the REPL's `.stack` shows that on demand).
 * @example formatError(err) // "Error 404 ResourceNotFound: AlertDefinitions(9) not found (request id 7c1…)"
 */
export function formatError(error: unknown, options?: DisplayOptions): string {
  const opts = normalizeDisplayOptions(options);
  if (!isErrorLike(error)) return paint(`Error: ${oneLine(String(error))}`, "red", opts.color);
  const e = error as Error & HttpFields;
  const status = typeof e.status === "number" ? e.status : undefined;
  let line: string;
  if (isBrandedTiError(error) && status !== undefined && "serviceMessage" in e) {
    const code = typeof e.code === "string" ? ` ${e.code}` : "";
    const message = typeof e.serviceMessage === "string" && e.serviceMessage ? e.serviceMessage : e.message;
    line = `Error ${status}${code}: ${message}`;
  } else {
    line = `${e.name || "Error"}: ${e.message}`;
  }
  if (typeof e.requestId === "string" && e.requestId) line += ` (request id ${e.requestId})`;
  return paint(oneLine(line), "red", opts.color);
}
