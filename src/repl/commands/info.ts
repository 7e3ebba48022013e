import { DEFAULT_API_URL } from "../../schema/index.js";
import { formatRecord } from "../../display/index.js";
import { FORMATS, outputWidth, type Format, type ReplState } from "../types.js";
import { say } from "./run.js";

/** The `.help` text: commands, preloaded names and examples. */
export const HELP = `Preloaded:
  session          the connected session (config, token, close())
  alerts, iocs     custom TI's entity sets: list, get, create, update, delete, ...
  indicators       the Indicators API's: list, get, count, where, submit, delete, batchDelete, import,
                   updateWhere, deleteWhere, export, sync
                   (on the emulator all three; on a tenant the service's own; indicatorsSession on the emulator)
  pp(x)            pretty-print (table for lists, record for one entity)
  table(x) json(x) csv(x)   format a result one way, whatever .format says
  take(list, n)    the first n items of a list, fetching only the pages needed
  it, more         the next page of the last list awaited (mongosh's it); says when there is no more

Examples:
  await alerts.list()
  const a = await alerts.create({ Name: "n", Severity: "Low", Title: "t", UxDescription: "u", Category: "Trojan" })
  await iocs.create({ Type: "Sha1", Value: "dead1111eeaabbccddeeaabbccddee11ffffffff", DetectionFunction: "Equals", AlertDefinition: a.Id })
  pp(await iocs.list())
  for await (const ioc of iocs.list()) console.log(ioc.Value)
  await indicators.submit({ indicatorValue: "bad.example", indicatorType: "DomainName", action: "Block", title: "t", description: "d" })
  pp(await indicators.list({ filter: "action eq 'Block'" }))

Bulk edits (a plan first: nothing is written until apply, which asks, then shows progress):
  const plan = await iocs.import("feed.csv", { alert: 1 })    CSV, JSON, text or STIX
  plan                      counts and rows: create, update, unchanged, duplicate, rejected (why)
  await plan.apply()        asks, then writes; Ctrl-C stops, apply() again resumes
  await plan.apply({ journal: "feed.jsonl" })                 resumable after a restart too
  await iocs.import("feed.csv", { alert: 1, dryRun: true })   only look
  await iocs.updateWhere("Type eq 'Md5'", { Enabled: false })  then .apply() (same for the next two)
  await iocs.deleteWhere("ExpiresAt lt 2025-01-01T00:00:00Z")
  await alerts.disableWhere("Category eq 'Trojan'")
  await iocs.export("iocs.csv", { filter: "Type eq 'Sha1'" })  a file that imports back
  await indicators.import("portal.csv", { dryRun: true })      the portal's CSV too; 500 per import call
  await indicators.updateWhere("action eq 'Audit'", { severity: "High" })   re-sent through import
  await indicators.deleteWhere("title eq 'Weekly feed'")       BatchDelete, 500 ids per call
  await indicators.export("indicators.csv")                    the portal's CSV, imports back
  In scripts and pipes nothing can ask: await plan.apply({ confirm: true })

Commands:
  .help                  this text
  .help alerts.create    one method: what it does, its options, an example
  .walkthrough           the five documented steps, guided (asks before each write)
  .walkthrough indicators   the Indicators API's: token with scope, submit, list, import, batch delete
  .new-alert  .new-ioc   create one entity with a wizard
  .new-indicator         submit one indicator with a wizard
  .sync                  a feed into the indicators it owns: dry run, confirm, apply
  .migrate               custom TI into the Indicators API: dry run, confirm, apply, verify
  .login                 enter credentials (masked) and reconnect
  .whoami                mode, API URL, client id, tenant
  .token                 token expiry and claims (never the token)
  .format table|json|csv how results are printed
  .emulator [status|stats|faults <rules>|reset]   the embedded emulator
  .stack                 the full stack of the last error
  .verbose [on|off]      print each request (method, path, status, time; each retry too) as it happens
  .clear                 drop an unfinished multi-line entry (names stay defined, as in node's own REPL)
  .exit                  leave (or Ctrl-D; Ctrl-C twice on an empty line)
Tab completes names, methods, field names in create/update/submit and enum values in quotes. Ctrl-C cancels a call.`;

function tokenInfo(state: ReplState): { expiresAt: unknown; claims: unknown } {
  const token = state.session?.token;
  return { expiresAt: token?.expiresAt, claims: token?.claims() };
}

/** `.whoami`: which service, which application, which tenant. */
export function whoami(state: ReplState): void {
  const { expiresAt, claims } = tokenInfo(state);
  const c = (claims ?? {}) as Record<string, unknown>;
  const service = state.indicatorsSession
    ? "custom TI and the Indicators API"
    : state.session?.service === "indicators"
      ? "Indicators API"
      : "custom TI";
  const record = {
    Mode: state.config.mode === "emulator" ? "embedded emulator" : "service",
    Service: service,
    ApiUrl: state.session?.config.apiUrl ?? state.config.apiUrl ?? DEFAULT_API_URL,
    ...(state.indicatorsSession ? { IndicatorsApiUrl: state.indicatorsSession.config.apiUrl } : {}),
    ClientId: state.emulator?.clientId ?? state.config.clientId ?? null,
    Tenant: c["tid"] ?? state.emulator?.tenantId ?? null,
    Audience: c["aud"] ?? null,
    TokenExpires: formatTime(expiresAt),
  };
  say(state, formatRecord(record, { width: outputWidth(state), color: state.color }));
}

/** `.token`: expiry and the claims (the signature and the token itself are never shown). */
export function token(state: ReplState): void {
  const { expiresAt, claims } = tokenInfo(state);
  if (expiresAt === undefined && claims === undefined) return say(state, "No token yet: make a call first.");
  say(state, `Expires: ${formatTime(expiresAt)}`);
  if (claims)
    say(state, formatRecord(readableClaims(claims), { width: outputWidth(state), color: state.color }));
}

/** JWT times (seconds since 1970) as dates, lists (roles, scopes) in full. */
const TIME_CLAIMS = new Set(["iat", "nbf", "exp", "auth_time"]);

/**
 * The claims as a person reads them: `iat`, `nbf`, `exp` as local times, lists joined with commas.
 * @example readableClaims({ exp: 1767261600, roles: ["Ti.ReadWrite"] }) // { exp: "2026-01-01 10:00:00 (…)", roles: "Ti.ReadWrite" }
 */
export function readableClaims(claims: unknown): Record<string, unknown> {
  const entries = Object.entries(claims as Record<string, unknown>).map(([key, value]) => {
    if (TIME_CLAIMS.has(key) && typeof value === "number") return [key, formatTime(value * 1000)];
    if (Array.isArray(value)) return [key, value.map(String).join(", ")];
    return [key, value];
  });
  return Object.fromEntries(entries) as Record<string, unknown>;
}

/** `.format table|json|csv`: how results print from now on. */
export function format(state: ReplState, rest: string): void {
  if (rest === "") return say(state, `Format: ${state.format} (choose ${FORMATS.join(", ")})`);
  if (!(FORMATS as readonly string[]).includes(rest))
    throw new TypeError(`.format takes ${FORMATS.join(", ")}`);
  state.format = rest as Format;
  say(state, `Results now print as ${rest}.`);
}

/** `.stack`: the last error in full, stack included. */
export function stack(state: ReplState): void {
  const err = state.lastError as { stack?: unknown } | undefined;
  say(state, err === undefined ? "No error yet." : typeof err.stack === "string" ? err.stack : String(err));
}

/** A time as local ISO-like text with the minutes left, e.g. `2026-01-01 10:00:00 (in 59 min)`. */
export function formatTime(value: unknown): string {
  const date =
    value instanceof Date
      ? value
      : typeof value === "number" || typeof value === "string"
        ? new Date(value)
        : undefined;
  if (!date || Number.isNaN(date.getTime())) return "unknown";
  const minutes = Math.round((date.getTime() - Date.now()) / 60_000);
  const local = new Date(date.getTime() - date.getTimezoneOffset() * 60_000)
    .toISOString()
    .slice(0, 19)
    .replace("T", " ");
  return `${local} (${minutes >= 0 ? `in ${minutes} min` : `${-minutes} min ago`})`;
}
