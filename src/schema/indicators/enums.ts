import { SEVERITIES } from "../enums.js";

/** Indicator types of the current docs (D1, D2); the 2019-2020 pages list only five of them. */
export const INDICATOR_TYPES = [
  "FileSha1",
  "FileSha256",
  "FileMd5",
  "CertificateThumbprint",
  "IpAddress",
  "DomainName",
  "Url",
] as const;
export type IndicatorType = (typeof INDICATOR_TYPES)[number];

/** Actions the API takes today (`Warn` is for Defender for Cloud Apps only). */
export const INDICATOR_ACTIONS = ["Allowed", "Audit", "Warn", "Block", "BlockAndRemediate"] as const;
export type IndicatorAction = (typeof INDICATOR_ACTIONS)[number];

/** The legacy actions (supported only until January 2022) and what replaces each, as the docs rename them. */
export const LEGACY_ACTIONS = {
  Alert: "Audit with generateAlert: true",
  AlertAndBlock: "BlockAndRemediate (generateAlert optional)",
} as const;
export type LegacyAction = keyof typeof LEGACY_ACTIONS;

/** Severities of an indicator; `Informational` is the default (ti-api.md Part 5). */
export const INDICATOR_SEVERITIES = SEVERITIES;

/** The default severity of a submitted indicator. */
export const DEFAULT_INDICATOR_SEVERITY = "Informational";

/** Who created an indicator: a portal user or an API app. */
export const INDICATOR_SOURCE_TYPES = ["User", "AadApp"] as const;
export type IndicatorSourceType = (typeof INDICATOR_SOURCE_TYPES)[number];

/**
 * Actions allowed per type (D13): files allow all five; IPs, URLs and domains all but BlockAndRemediate;
 * certificates only Allowed and BlockAndRemediate.
 */
export const ACTIONS_BY_TYPE: Readonly<Record<IndicatorType, readonly IndicatorAction[]>> = {
  FileSha1: INDICATOR_ACTIONS,
  FileSha256: INDICATOR_ACTIONS,
  FileMd5: INDICATOR_ACTIONS,
  CertificateThumbprint: ["Allowed", "BlockAndRemediate"],
  IpAddress: ["Allowed", "Audit", "Warn", "Block"],
  DomainName: ["Allowed", "Audit", "Warn", "Block"],
  Url: ["Allowed", "Audit", "Warn", "Block"],
};
