import { INDICATOR_TYPES, type IndicatorAction, type Violation } from "../../schema/index.js";
import { indicatorTypeOf } from "../targets/indicator-columns.js";
import type { SourcePair } from "./pairs.js";

/** What every migrated indicator gets besides its pair's fields. */
export interface MappingSettings {
  readonly action: IndicatorAction;
  readonly generateAlert: boolean;
  readonly includeDisabled: boolean;
  readonly application: string | undefined;
}

/**
 * One (alert definition, IOC) pair as one indicator (Part 3): title, description, recommended actions and
 * severity from the definition, the IOC's type by its successor (Sha1 → FileSha1, ...), value and expiry; or the
 * violation saying why it has no equivalent (a partial match, no successor type, disabled, expired).
 * @example mapPair(pair, { action: "Audit", generateAlert: true, includeDisabled: false, application: undefined }, Date.now())
 */
export function mapPair(
  { ioc, definition }: SourcePair,
  settings: MappingSettings,
  nowMs: number,
): { indicator: Record<string, unknown> } | { violation: Violation } {
  const why = noEquivalent({ ioc, definition }, settings, nowMs);
  if (why) return { violation: why };
  const indicator: Record<string, unknown> = {
    indicatorType: indicatorTypeOf(ioc.Type),
    indicatorValue: ioc.Value,
    action: settings.action,
    generateAlert: settings.generateAlert,
    title: definition.Title,
    description: definition.UxDescription,
    severity: definition.Severity,
  };
  if (definition.RecommendedAction) indicator["recommendedActions"] = definition.RecommendedAction;
  if (ioc.ExpiresAt) indicator["expirationTime"] = ioc.ExpiresAt;
  if (settings.application !== undefined) indicator["application"] = settings.application;
  return { indicator };
}

function noEquivalent(
  { ioc, definition }: Pick<SourcePair, "ioc" | "definition">,
  settings: MappingSettings,
  nowMs: number,
): Violation | undefined {
  if (ioc.DetectionFunction !== "Equals")
    return {
      field: "DetectionFunction",
      value: ioc.DetectionFunction,
      rule: "has no equivalent in the Indicators API, which matches exact values only (Equals)",
    };
  const type = indicatorTypeOf(ioc.Type);
  if (!(INDICATOR_TYPES as readonly unknown[]).includes(type))
    return { field: "Type", value: ioc.Type, rule: "has no successor type in the Indicators API" };
  if (!settings.includeDisabled && ioc.Enabled === false)
    return {
      field: "Enabled",
      value: false,
      rule: "means the IOC is disabled: not migrated unless includeDisabled: true",
    };
  if (!settings.includeDisabled && definition.Enabled === false)
    return {
      field: "AlertDefinition.Enabled",
      value: false,
      rule: "means the definition is disabled: its IOCs are not migrated unless includeDisabled: true",
    };
  if (ioc.ExpiresAt && Date.parse(ioc.ExpiresAt) <= nowMs)
    return {
      field: "ExpiresAt",
      value: ioc.ExpiresAt,
      rule: "is in the past: an expired IOC is not migrated (an indicator cannot be created expired)",
    };
  return undefined;
}
