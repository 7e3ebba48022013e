// The root of the error family: every module of src may import it, and it imports nothing.
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
