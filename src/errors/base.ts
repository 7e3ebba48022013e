// The root of the error family: every module of src may import it, and it imports nothing.
const BRAND = Symbol.for("ti-console.TiError");

/** Fields common to every error about one HTTP exchange. Never holds a header value or a body with secrets. */
export interface RequestContext {
  readonly method: string;
  /** The request URL with any query string kept but credentials removed. */
  readonly url: string;
}

/** How many times a request went on the wire before an error ended it, as the retry wrapper counts. */
export interface Attempts {
  /** Attempts made (1 = no retry). */
  readonly attempts: number;
  /** Attempts the retry policy allows (its limit + 1). */
  readonly maxAttempts: number;
  /** Set when the call's deadline, not the limit, ended the retries. */
  readonly deadlineMs?: number | undefined;
}

/**
 * The note an error's message ends with, e.g. ` (attempt 3 of 7; gave up at the 60 s deadline)`; empty without
 * attempts (an error that no retry wrapper ended).
 * @example attemptsNote({ attempts: 7, maxAttempts: 7 }) // " (attempt 7 of 7)"
 */
export function attemptsNote(tries: Attempts | undefined): string {
  if (!tries) return "";
  const deadline =
    tries.deadlineMs === undefined ? "" : `; gave up at the ${formatSeconds(tries.deadlineMs)} deadline`;
  return ` (attempt ${tries.attempts} of ${tries.maxAttempts}${deadline})`;
}

function formatSeconds(ms: number): string {
  return ms % 1000 === 0 ? `${ms / 1000} s` : `${(ms / 1000).toFixed(1)} s`;
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
