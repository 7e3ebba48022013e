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

  /** True when `text` contains the secret in any form {@link scrub} removes. */
  occursIn(text: string, clientId?: string): boolean {
    return this.scrub(text, clientId) !== text;
  }

  /**
   * `text` with every occurrence of the secret replaced by `[redacted]`: as is, percent-encoded (either hex case),
   * form-encoded (`+` for space), JSON-escaped, and base64 (also of `clientId:secret`, as a Basic header carries it).
   */
  scrub(text: string, clientId?: string): string {
    if (this.#value.length === 0) return text;
    let out = text;
    for (const form of encodedForms(this.#value, clientId)) out = out.replace(form, REDACTED);
    return out;
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

/** The patterns of a secret as a service might echo it; percent-encodings match either hex case. */
function encodedForms(secret: string, clientId: string | undefined): RegExp[] {
  const base64 = (text: string) => {
    const bytes = Buffer.from(text);
    // Unpadded, so an echo that drops the `=` padding matches too.
    return [bytes.toString("base64").replace(/=+$/, ""), bytes.toString("base64url")];
  };
  const exact = [secret, JSON.stringify(secret).slice(1, -1), ...base64(secret)];
  if (clientId !== undefined) exact.push(...base64(`${clientId}:${secret}`));
  const percent = [encodeURIComponent(secret), new URLSearchParams({ s: secret }).toString().slice(2)];
  return [
    // Longest first, so a form that contains another (base64 of id:secret) goes whole.
    ...[...new Set(exact)].sort((a, b) => b.length - a.length).map((f) => new RegExp(escapeRegExp(f), "g")),
    ...[...new Set(percent)].map((f) => new RegExp(escapeRegExp(f), "gi")),
  ];
}

function escapeRegExp(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, "\\$&");
}
