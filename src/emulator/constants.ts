import { DOCUMENTED_RESOURCES, INDICATORS_RESOURCES } from "../schema/index.js";

/** Tenant id of the emulator's demo directory (fixed so that docs and notebooks can quote it). */
export const DEMO_TENANT_ID = "00000000-0000-4000-8000-0000000000e1";
/** Client id the emulator accepts unless `clientId` is set. */
export const DEMO_CLIENT_ID = "6f1d2c3b-0000-4000-8000-00000000c11e";
/** Client secret the emulator accepts unless `clientSecret` is set (a demo value, but never print it anyway). */
export const DEMO_CLIENT_SECRET = "ti-console-demo-secret";
/** Both `resource` values the docs use; each is accepted and echoed as the token's audience. */
export const ACCEPTED_RESOURCES = DOCUMENTED_RESOURCES;
/**
 * Resources the token endpoint issues tokens for: the two above plus the Indicators API's; each API refuses the
 * other's as the wrong audience (as Azure AD would issue them and the service would refuse them).
 */
export const KNOWN_RESOURCES = [...ACCEPTED_RESOURCES, ...INDICATORS_RESOURCES] as const;

/** Roles a token carries when the emulator is told nothing about its client (ti-api.md Part 5). */
export const DEFAULT_ROLES: readonly string[] = ["Ti.ReadWrite"];

/** Most `$orderby` keys one request may name: each key costs a comparison per pair of entities sorted. */
export const MAX_ORDERBY_KEYS = 8;

/** Fields the store indexes by value, per set: `$filter` equality and `in` on them read only the matching entities. */
export const INDEXED_FIELDS: Readonly<Record<string, readonly string[]>> = {
  IndicatorsOfCompromise: ["Type", "Value", "AlertDefinitionId"],
  Indicators: ["indicatorValue", "indicatorType", "action", "createdBy"],
};

/** Filtered or sorted query results kept across pages (per store, dropped on any write). */
export const QUERY_CACHE_ENTRIES = 8;
