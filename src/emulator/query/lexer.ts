import { dateTimeRule } from "../../schema/index.js";
import { odataError } from "../protocol/errors.js";

/** A token of a `$filter` expression; `pos` is the 0-based offset of its first character. */
export type Token =
  | { readonly t: "string"; readonly value: string; readonly pos: number }
  | { readonly t: "number"; readonly value: number; readonly pos: number }
  | { readonly t: "datetime"; readonly value: number; readonly text: string; readonly pos: number }
  | { readonly t: "word"; readonly value: string; readonly pos: number }
  | { readonly t: "(" | ")" | "," | "end"; readonly pos: number };

const DATETIME = /\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(?::\d{2}(?:\.\d{1,7})?)?(?:Z|[+-]\d{2}:\d{2})/y;
const NUMBER = /-?\d+(?:\.\d+)?(?:[eE][+-]?\d+)?/y;
const WORD = /[A-Za-z_][A-Za-z0-9_]*/y;

/**
 * A position in a query option as people count it (1-based), with the character found there.
 * @example describePosition("Name eq", 7) // "position 8 (end of input)"
 */
export function describePosition(text: string, pos: number): string {
  const found = pos >= text.length ? "end of input" : `'${text.slice(pos, pos + 12)}'`;
  return `position ${pos + 1} (${found})`;
}

/**
 * Splits a `$filter` value into tokens; an unknown character or an unterminated string is a 400 ODataError.
 * @example tokenize("Severity eq 'Low'").length // 4 (three tokens and the end)
 */
export function tokenize(text: string): Token[] {
  const tokens: Token[] = [];
  let pos = 0;
  while (pos < text.length) {
    const ch = text[pos] ?? "";
    if (/\s/.test(ch)) {
      pos++;
      continue;
    }
    if (ch === "(" || ch === ")" || ch === ",") {
      tokens.push({ t: ch, pos });
      pos++;
      continue;
    }
    if (ch === "'") {
      const [value, end] = readString(text, pos);
      tokens.push({ t: "string", value, pos });
      pos = end;
      continue;
    }
    const token = matchAt(text, pos);
    if (!token) throw odataError(`$filter: unexpected character at ${describePosition(text, pos)}`);
    tokens.push(token.token);
    pos = token.end;
  }
  tokens.push({ t: "end", pos });
  return tokens;
}

function matchAt(text: string, pos: number): { token: Token; end: number } | undefined {
  for (const [re, kind] of [
    [DATETIME, "datetime"],
    [NUMBER, "number"],
    [WORD, "word"],
  ] as const) {
    re.lastIndex = pos;
    const m = re.exec(text);
    if (!m) continue;
    const end = pos + m[0].length;
    // A word or number running straight into letters (`12abc`) is not a token boundary.
    if (kind !== "word" && /[A-Za-z_]/.test(text[end] ?? "")) return undefined;
    if (kind === "datetime") {
      const rule = dateTimeRule(m[0]);
      if (rule) throw odataError(`$filter: ${m[0]} ${rule} at ${describePosition(text, pos)}`);
      return { token: { t: "datetime", value: Date.parse(m[0]), text: m[0], pos }, end };
    }
    if (kind === "number") return { token: { t: "number", value: Number(m[0]), pos }, end };
    return { token: { t: "word", value: m[0], pos }, end };
  }
  return undefined;
}

/** Reads a quoted string starting at `start` (`''` is a quote); returns the value and the offset after it. */
function readString(text: string, start: number): [string, number] {
  let value = "";
  let pos = start + 1;
  while (pos < text.length) {
    const ch = text[pos];
    if (ch === "'") {
      if (text[pos + 1] === "'") {
        value += "'";
        pos += 2;
        continue;
      }
      return [value, pos + 1];
    }
    value += ch;
    pos++;
  }
  throw odataError(`$filter: unterminated string starting at ${describePosition(text, start)}`);
}
