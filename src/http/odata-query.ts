import { ValidationError } from "../errors/index.js";
import type { Filter } from "./filter.js";

/** OData query options of a list. Names as in the docs' table, camel-cased. */
export interface ODataQuery {
  /** A raw `$filter` string or one built with `where`. */
  readonly filter?: string | Filter;
  /** `"Id desc"` or `["Severity", "Id desc"]`. */
  readonly orderBy?: string | readonly string[];
  readonly select?: string | readonly string[];
  readonly expand?: string | readonly string[];
  /** How many items in all (the service may still page them). */
  readonly top?: number;
  readonly skip?: number;
  /** Ask for `@odata.count` (the total matching, across pages). */
  readonly count?: boolean;
}

/**
 * The query string for `query` (with a leading `?`, or empty), percent-encoded.
 * @example buildQuery({ top: 5, orderBy: "Id desc" }) // "?$orderby=Id%20desc&$top=5"
 */
export function buildQuery(query: ODataQuery = {}): string {
  const parts: Array<[string, string]> = [];
  if (query.filter !== undefined && String(query.filter).trim() !== "")
    parts.push(["$filter", String(query.filter)]);
  if (query.orderBy !== undefined) parts.push(["$orderby", list(query.orderBy)]);
  if (query.select !== undefined) parts.push(["$select", list(query.select)]);
  if (query.expand !== undefined) parts.push(["$expand", list(query.expand)]);
  if (query.top !== undefined) parts.push(["$top", String(count("top", query.top))]);
  if (query.skip !== undefined) parts.push(["$skip", String(count("skip", query.skip))]);
  if (query.count !== undefined) parts.push(["$count", String(query.count)]);
  return parts.length ? `?${parts.map(([k, v]) => `${k}=${encodeURIComponent(v)}`).join("&")}` : "";
}

function list(value: string | readonly string[]): string {
  return typeof value === "string" ? value : value.join(",");
}

function count(name: string, value: number): number {
  if (Number.isSafeInteger(value) && value >= 0) return value;
  const rule = "must be a whole number >= 0";
  throw new ValidationError(`${name}: ${value} ${rule}`, [{ field: name, value, rule }]);
}
