import { inspect } from "node:util";

const REDACTED = "[redacted]";

/**
 * Holds a secret string (client secret, access token) so that it never shows: `String()`, `JSON.stringify` and
 * `util.inspect` all print `[redacted]`; only `reveal()` returns the value, for the one place that sends it.
 * @example const secret = new Secret(process.env.TI_CLIENT_SECRET ?? "")
 */
export class Secret {
  readonly #value: string;

  constructor(value: string) {
    this.#value = value;
  }

  /** The value itself. Call it only to put the secret on the wire. */
  reveal(): string {
    return this.#value;
  }

  /** True when `text` contains the secret (for scrubbing service messages that might echo it). */
  occursIn(text: string): boolean {
    return this.#value.length > 0 && text.includes(this.#value);
  }

  /** `text` with every occurrence of the secret replaced by `[redacted]`. */
  scrub(text: string): string {
    return this.#value.length > 0 ? text.replaceAll(this.#value, REDACTED) : text;
  }

  toString(): string {
    return REDACTED;
  }

  toJSON(): string {
    return REDACTED;
  }

  [inspect.custom](): string {
    return REDACTED;
  }
}
