import { inspect, types } from "node:util";
import { formatValue, toCsv, toJson } from "../display/index.js";
import { formatBulkValue } from "./bulk/format.js";
import { outputWidth, type ReplState } from "./types.js";

/**
 * The line printed instead of a Promise dump when an `await` was forgotten, naming the entry that produced it
 * (`x = alerts.get(1)` becomes `x = await alerts.get(1)`).
 * @example awaitHint("alerts.get(1)") // "… Put await in front: await alerts.get(1)"
 */
export function awaitHint(entry: string): string {
  const code = entry.trim().replace(/;+$/, "");
  const assignment = /^((?:(?:const|let|var)\s+)?[\w$.]+\s*=)(?!=)\s*([\s\S]+)$/.exec(code);
  const fixed = assignment ? `${assignment[1]} await ${assignment[2]}` : `await ${code}`;
  return `This is a pending result (a Promise or a list). Put await in front: ${fixed}`;
}

const SHOWN = Symbol.for("ti-console.shown");

/** Text already formatted by a helper (`table`, `json`, `csv`): printed as is whatever the `.format`. */
export function shown(text: string): object {
  return { [SHOWN]: true, toString: () => text, [inspect.custom]: () => text };
}

/** True for a Promise or anything with a `then` (the lazy lists). */
export function isThenable(value: unknown): value is PromiseLike<unknown> {
  return (
    (typeof value === "object" || typeof value === "function") &&
    value !== null &&
    typeof (value as { then?: unknown }).then === "function"
  );
}

function isPlainObject(value: unknown): value is Record<string, unknown> {
  if (typeof value !== "object" || value === null) return false;
  const proto: unknown = Object.getPrototypeOf(value);
  return proto === Object.prototype || proto === null;
}

function isFormatted(value: object): boolean {
  return inspect.custom in value && typeof (value as { toHtml?: unknown }).toHtml === "function";
}

/**
 * The REPL's writer: every result goes through the pretty-printer in the current `.format`; a forgotten
 * `await` gets a one-line hint (and a rejected Promise is not reported twice as unhandled).
 * @example new REPLServer({ writer: makeWriter(state) })
 */
export function makeWriter(state: ReplState): (value: unknown) => string {
  return (value) => {
    if (isThenable(value)) {
      // Only a real Promise is touched: calling .then on a lazy list would start a request.
      if (types.isPromise(value)) value.catch(() => undefined);
      return awaitHint(state.lastEntry);
    }
    // Helper output and pp(...) are already formatted: printed as they are, whatever the format.
    if (typeof value === "object" && value !== null && (SHOWN in value || isFormatted(value)))
      return String(value);
    const display = { width: outputWidth(state), color: state.color };
    // Bulk plans and results by shape (display itself knows nothing of bulk): counts, rows, what to do next.
    const bulk = formatBulkValue(value, state.format, { ...display, interactive: state.interactive });
    if (bulk !== undefined) return bulk;
    if (state.format === "json") return toJson(value);
    if (state.format === "csv" && Array.isArray(value)) return toCsv(value);
    // One entity is a one-row CSV, so `.format csv` then `await alerts.get(1)` gives CSV, not a record.
    if (state.format === "csv" && isPlainObject(value)) return toCsv([value]);
    return formatValue(value, display);
  };
}
