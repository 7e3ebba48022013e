import { ValidationError } from "../../errors/index.js";
import { rejection, type ReadResult, type Rejection, type SourceRow } from "../types.js";
import { arrayElementLines, parseJson, rootArrayKey } from "./json-text.js";
import { readStix } from "./stix.js";

/**
 * Reads a JSON array of IOC objects, or an object holding one under `iocs` (any case; with `indicatorTypes`,
 * under `Indicators`, the Indicators API's import body); a STIX bundle goes to the STIX reader (with
 * `indicatorTypes`, as readStix's). Each row keeps the line its object starts on.
 * @example readJson('{"iocs":[{"Type":"Md5","Value":"..."}]}').rows.length // 1
 */
export function readJson(text: string, indicatorTypes = false): ReadResult {
  const root = parseJson(text, "JSON");
  if ((root as { type?: unknown } | null)?.type === "bundle") return readStix(text, indicatorTypes);
  // The Indicators API's own import body is {"Indicators": [...]} (D3).
  const wrapper = indicatorTypes ? "indicators" : "iocs";
  const key = Array.isArray(root) ? undefined : rootArrayKey(root, wrapper);
  const items = key === undefined ? root : (root as Record<string, unknown>)[key];
  if (!Array.isArray(items)) {
    const what = indicatorTypes ? "indicators" : "IOCs";
    throw new ValidationError(
      `The JSON input must be an array of ${what} or an object with an "${wrapper}" array`,
      [],
    );
  }
  return { format: "json", ...objectRows(items, arrayElementLines(text, key)), warnings: [] };
}

/**
 * Rows from an array of plain objects (already parsed JSON, or what a user passes in code); `lines` gives each
 * element's source line, else its 1-based position stands in for it.
 */
export function objectRows(
  items: readonly unknown[],
  lines: readonly number[] = [],
): { rows: SourceRow[]; rejected: Rejection[] } {
  const rows: SourceRow[] = [];
  const rejected: Rejection[] = [];
  items.forEach((item, index) => {
    const line = lines[index] ?? index + 1;
    if (typeof item === "object" && item !== null && !Array.isArray(item))
      rows.push({ line, fields: item as Record<string, unknown> });
    else rejected.push(rejection(line, [{ field: "(row)", value: item, rule: "must be a JSON object" }]));
  });
  return { rows, rejected };
}
