import { INDICATOR_TYPES } from "../../schema/index.js";
import { invalid } from "../errors.js";
import type { IndicatorItem } from "../targets/indicator-rows.js";
import type { Normalized } from "../targets/target.js";
import type { SyncOptions, UnknownDeviceGroups } from "./types.js";

const DAY_MS = 86_400_000;

/**
 * Checks a sync's per-type expiry and returns what a sync does to normalised rows: each is owned by `owner`, and
 * a row without an expiry gets its type's default on create. The default is not compared with a stored expiry
 * (it moves with the clock: every sync would update every row); an indicator keeps the expiry it has.
 * @example expiryDefaults({ IpAddress: 30 }, Date.now())(normalized, "MISP feed")
 */
export function expiryDefaults(
  expiryDays: SyncOptions["expiryDays"],
  nowMs: number,
): (normal: Normalized<IndicatorItem>, owner: string) => Normalized<IndicatorItem> {
  for (const [type, days] of Object.entries(expiryDays ?? {})) {
    const field = `expiryDays.${type}`;
    const known = `must be an indicator type (${INDICATOR_TYPES.join(", ")})`;
    if (!(INDICATOR_TYPES as readonly string[]).includes(type))
      throw invalid(field, type, known, `${field}: ${JSON.stringify(type)} ${known}`);
    if (typeof days !== "number" || !(days > 0))
      throw invalid(
        field,
        days,
        "must be a number of days above 0",
        `${field}: ${JSON.stringify(days)} must be a number of days above 0`,
      );
  }
  return (normal, owner) => ({
    ...normal,
    candidates: normal.candidates.map((item) => {
      const given = { ...item.given, application: owner };
      const body: Record<string, unknown> = { ...item.body, application: owner };
      const days = expiryDays?.[item.body["indicatorType"] as keyof typeof expiryDays];
      if (days !== undefined && !body["expirationTime"])
        body["expirationTime"] = new Date(nowMs + days * DAY_MS).toISOString();
      return { ...item, body, given };
    }),
  });
}

/**
 * The rows naming device groups (`rbacGroupNames`) outside `known`; none when `known` is not given.
 * @example unknownGroups(items, ["Finance", "Servers"]) // [{ line: 4, key, names: ["Finanse"] }]
 */
export function unknownGroups(
  items: readonly IndicatorItem[],
  known: readonly string[] | undefined,
): UnknownDeviceGroups[] {
  if (known === undefined) return [];
  const names = new Set(known.map((n) => n.toLowerCase()));
  return items.flatMap((item) => {
    const groups = item.body["rbacGroupNames"];
    const unknown = Array.isArray(groups) ? groups.filter((g) => !names.has(String(g).toLowerCase())) : [];
    return unknown.length ? [{ line: item.line, key: item.key, names: unknown.map(String) }] : [];
  });
}
