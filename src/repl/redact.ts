// What must never reach the history file. Rules are deliberately eager: a redacted harmless line costs
// little, a leaked secret a lot. IOC values (hex hashes, IPs, domains) are left alone: analysts recall them.

const RULES: readonly [RegExp, string][] = [
  // A bearer token in a header or a copied curl command.
  [/\b(Bearer\s+)[^\s"'`]+/gi, "$1[redacted]"],
  // Anything that looks like a JWT (header.payload.signature, base64url, starting with {" = eyJ).
  [/\beyJ[\w-]{5,}\.[\w-]{5,}\.[\w-]*/g, "[redacted-jwt]"],
  // key = value / key: "value" where the key names a secret.
  [
    /\b([\w-]*(?:secret|password|passwd|token|api[_-]?key|authorization)[\w-]*["']?\s*[:=]\s*)(["'`]?)(?!Bearer\s|\[redacted)([^"'`\s,;})]+)/gi,
    "$1$2[redacted]",
  ],
  // Azure AD client secrets: three characters, a digit, "Q~", then 31 or more.
  [/\b[\w.-]{3}\dQ~[\w.~-]{31,}/g, "[redacted-secret]"],
];

/** Mixed-case letters and digits, 32+ long, not pure hex (hashes are IOC values): probably a key. */
const KEY_LIKE = /\b(?=[\w+/~.-]*[a-z])(?=[\w+/~.-]*[A-Z])(?=[\w+/~.-]*\d)[\w+/~.-]{32,}={0,2}/g;

/**
 * A line with known secrets, bearer tokens, JWT-looking strings, `secret=`/`token:` values and key-like
 * strings replaced by `[redacted…]`.
 * @example redactLine(`x = "${secret}"`, [secret]) // 'x = "[redacted]"'
 */
export function redactLine(line: string, secrets: Iterable<string> = []): string {
  let out = line;
  for (const secret of secrets) {
    if (secret.length >= 4) out = out.split(secret).join("[redacted]");
  }
  for (const [pattern, replacement] of RULES) out = out.replace(pattern, replacement);
  return out.replace(KEY_LIKE, (m) => (/^[0-9a-f]+$/i.test(m) ? m : "[redacted-key]"));
}
