// Where the cursor is inside a call's arguments, read from the text before it (never evaluated): which set and
// method, which argument, and, inside an object literal, the key being typed and the keys already there.

/** The cursor at a key position of an object literal passed to `alerts.<method>(`, `iocs.<method>(` or `indicators.<method>(`. */
export interface KeyPosition {
  readonly set: "alerts" | "iocs" | "indicators";
  readonly method: string;
  /** The argument the object is (0 = the first). */
  readonly arg: number;
  /** The key typed so far. */
  readonly prefix: string;
  /** Keys the object already has, offered no more. */
  readonly typed: ReadonlySet<string>;
}

const OPENERS = "({[";
const CLOSERS = ")}]";

/**
 * The key position the line ends at, if it ends inside an object literal that is an argument of the last
 * `alerts.x(` / `iocs.x(` call, at the object's own level (not in a nested value).
 * @example keyPosition("iocs.list({ top: 5, ord") // { set: "iocs", method: "list", arg: 0, prefix: "ord", typed: {"top"} }
 */
export function keyPosition(line: string): KeyPosition | undefined {
  const last = [...line.matchAll(/\b(alerts|iocs|indicators)\.(\w+)\(/g)].at(-1);
  if (!last || last.index === undefined) return undefined;
  const rest = line.slice(last.index + last[0].length);
  let depth = 0;
  let arg = 0;
  let object: { start: number; arg: number } | undefined;
  for (let i = 0; i < rest.length; i++) {
    const ch = rest[i]!;
    if (OPENERS.includes(ch)) {
      depth++;
      if (depth === 1) object = ch === "{" ? { start: i, arg } : undefined;
    } else if (CLOSERS.includes(ch)) {
      depth--;
      if (depth < 0) return undefined; // the call is closed
      if (depth === 0) object = undefined;
    } else if (ch === "," && depth === 0) arg++;
  }
  if (depth !== 1 || !object) return undefined;
  const inside = rest.slice(object.start + 1);
  const m = /(?:^|,)\s*([A-Za-z_$][\w$]*|)$/.exec(inside);
  if (!m || !atTopLevel(inside.slice(0, m.index))) return undefined;
  const typed = new Set([...topLevelKeys(inside.slice(0, m.index))]);
  return { set: last[1] as KeyPosition["set"], method: last[2]!, arg: object.arg, prefix: m[1]!, typed };
}

function atTopLevel(text: string): boolean {
  let depth = 0;
  for (const ch of text) {
    if (OPENERS.includes(ch)) depth++;
    else if (CLOSERS.includes(ch)) depth--;
  }
  return depth === 0;
}

/** The `key:` names at the object's own level. */
function* topLevelKeys(text: string): Generator<string> {
  let depth = 0;
  let segment = "";
  for (const ch of `${text},`) {
    if (OPENERS.includes(ch)) depth++;
    else if (CLOSERS.includes(ch)) depth--;
    if (ch === "," && depth === 0) {
      const key = /^\s*["']?([A-Za-z_$][\w$]*)["']?\s*:/.exec(segment)?.[1];
      if (key) yield key;
      segment = "";
    } else segment += ch;
  }
}
