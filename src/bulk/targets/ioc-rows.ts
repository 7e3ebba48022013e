import {
  expandIpv6,
  alertDefinitionRef,
  inferIocType,
  IOC_BIND_PROPERTY,
  parseAlertDefinitionRef,
  validateEntity,
} from "../../schema/index.js";
import type { Violation } from "../../schema/index.js";
import { markChecked } from "../../api/index.js";
import { collectRows } from "./collect.js";
import type { CreateItem, Normalized as NormalizedOf } from "./target.js";
import { rejection, type Rejection, type SourceRow } from "../types.js";
import { canonicalName } from "./ioc-columns.js";

/** A valid, normalised IOC row ready to be created (or matched with an IOC the server already holds). */
export interface Candidate extends CreateItem {
  readonly alertId: number;
  /** Enabled and ExpiresAt as the row stated them; only these are compared with an existing IOC. */
  readonly given: { readonly Enabled?: boolean; readonly ExpiresAt?: string | null };
}

/** Outcome of {@link normalizeRows}. */
export type Normalized = NormalizedOf<Candidate>;

/**
 * Validates and normalises every row with the shared schema, binds it to its alert definition (the row's own
 * column, else `alertId`), infers a missing Type from the value, defaults DetectionFunction to Equals, and
 * collapses rows naming the same IOC.
 * @example normalizeRows(rows, { alertId: 1 }).candidates[0].key // "Sha1|8311e8...|Equals|1"
 */
export function normalizeRows(
  rows: readonly SourceRow[],
  options: { alertId?: number | undefined },
): Normalized {
  return collectRows(rows, (row, ignored) => normalizeRow(row, options.alertId, ignored), conflicting);
}

function normalizeRow(
  row: SourceRow,
  defaultAlert: number | undefined,
  ignored: Set<string>,
): Candidate | Rejection {
  const fields: Record<string, unknown> = { DetectionFunction: "Equals" };
  let alertRaw: unknown;
  for (const name of Object.keys(row.fields)) {
    const canonical = canonicalName(name);
    if (canonical === "alert") alertRaw = row.fields[name];
    else if (canonical) fields[canonical] = row.fields[name];
    else if (canonical === undefined) ignored.add(name);
  }
  // A missing Type is inferred from the value's shape, as for plain-text input.
  if (fields["Type"] === undefined && typeof fields["Value"] === "string") {
    const inferred = inferIocType(fields["Value"]);
    if (inferred) fields["Type"] = inferred;
  }
  const note = expandIp(fields);
  const alert = alertId(alertRaw, defaultAlert);
  if (typeof alert !== "number") return rejection(row.line, [alert]);
  // The bind goes last onto the row's own fresh object (no copy per row); `fields` is not read for it below.
  fields[IOC_BIND_PROPERTY] = alertDefinitionRef(alert);
  const { body, errors } = validateEntity("IndicatorsOfCompromise", fields, { mode: "create" });
  if (errors.length) return rejection(row.line, errors);
  // Validated here once: bulkUpload sends the (now frozen) body without a second pass.
  markChecked("IndicatorsOfCompromise", body);
  const given: { Enabled?: boolean; ExpiresAt?: string | null } = {};
  if ("Enabled" in fields) given.Enabled = body["Enabled"] as boolean;
  if ("ExpiresAt" in fields) given.ExpiresAt = body["ExpiresAt"] as string | null;
  const key = iocKey(body["Type"], body["Value"], body["DetectionFunction"], alert);
  return { line: row.line, key, alertId: alert, body, given, ...(note ? { note } : {}) };
}

// The service takes IPv6 only in full: a compressed address (`2001:db8::1`) means one thing, so it is written out.
function expandIp(fields: Record<string, unknown>): string | undefined {
  const value = fields["Value"];
  if (fields["Type"] !== "IpAddress" || fields["DetectionFunction"] !== "Equals" || typeof value !== "string")
    return undefined;
  const full = expandIpv6(value);
  if (full === undefined) return undefined;
  fields["Value"] = full;
  return `IPv6 written in full, from ${value.trim()}`;
}

function alertId(raw: unknown, fallback: number | undefined): number | Violation {
  const rule = "must be an alert definition Id or AlertDefinitions(<Id>)";
  if (raw === undefined || raw === "") {
    if (fallback !== undefined) return fallback;
    return {
      field: "AlertDefinition",
      value: undefined,
      rule: "is required: pass { alert } or an alertdefinition column",
    };
  }
  const asNumber =
    typeof raw === "number" ? raw : typeof raw === "string" && /^\d+$/.test(raw.trim()) ? Number(raw) : NaN;
  if (Number.isSafeInteger(asNumber) && asNumber > 0) return asNumber;
  return parseAlertDefinitionRef(raw) ?? { field: "AlertDefinition", value: raw, rule };
}

/**
 * The identity of an IOC for de-duplication and matching with the server: type, value, function, alert.
 * @example iocKey("Md5", "d41d8cd98f00b204e9800998ecf8427e", "Equals", 1)
 */
export function iocKey(type: unknown, value: unknown, fn: unknown, alert: unknown): string {
  return `${String(type)}|${String(value)}|${String(fn)}|${String(alert)}`;
}

// Two rows of one IOC disagree when both state Enabled or ExpiresAt, differently.
function conflicting(later: Candidate, first: Candidate): boolean {
  const differs = (name: "Enabled" | "ExpiresAt"): boolean =>
    name in later.given && name in first.given && later.given[name] !== first.given[name];
  return differs("Enabled") || differs("ExpiresAt");
}
