import type { EnumInput, Severity } from "../enums.js";
import type { IndicatorAction, IndicatorSourceType, IndicatorType } from "./enums.js";

/** An indicator as the API returns it (D1, ti-api.md Part 5); `id` is a numeric string. */
export interface Indicator {
  id: string;
  indicatorValue: string;
  indicatorType: IndicatorType;
  action: IndicatorAction;
  application: string | null;
  createdBySource: string;
  sourceType: IndicatorSourceType;
  createdBy: string;
  createdByDisplayName: string;
  severity: Severity;
  category: string | null;
  title: string;
  description: string;
  recommendedActions: string | null;
  /** Device groups where it is active; empty = all devices. */
  rbacGroupNames: string[];
  rbacGroupIds: string[];
  generateAlert: boolean;
  creationTimeDateTimeUtc: string;
  /** No expiry when null. */
  expirationTime: string | null;
  lastUpdateTime: string;
  lastUpdatedBy: string | null;
  externalId: string | null;
  mitreTechniques: string[];
  educateUrl: string | null;
  bypassDurationHours: number | null;
}

/** What a client submits (`POST /api/indicators`) or puts in an import's `Indicators` list. */
export interface IndicatorInput {
  indicatorValue: string;
  indicatorType: EnumInput<IndicatorType>;
  action: EnumInput<IndicatorAction>;
  title: string;
  description: string;
  /** Names the indicator to update (otherwise value, type and action do). */
  id?: string | number;
  application?: string | null;
  expirationTime?: string | null;
  severity?: EnumInput<Severity>;
  recommendedActions?: string | null;
  /** A JSON array or a comma-separated string. */
  rbacGroupNames?: string[] | string;
  rbacGroupIds?: string[] | string;
  generateAlert?: boolean | "true" | "false";
  educateUrl?: string | null;
  externalId?: string | null;
  category?: string | null;
  mitreTechniques?: string[] | string;
  bypassDurationHours?: number | null;
}

/** One item of an import reply, in request order; `id` is null for a failed item (D3). */
export interface ImportIndicatorResult {
  id: string | null;
  indicator: string;
  isFailed: boolean;
  failureReason: string | null;
}
