import { parseArgs } from "node:util";
import { INDICATOR_ROLES } from "../schema/index.js";
import { normalizeOptions, type EmulatorOptions } from "./options.js";

/** A flag problem: the CLI prints the message and exits 2. */
export class UsageError extends Error {}

/** The `--help` text. */
export const USAGE = `Usage: ti-emulator [options]

Runs an offline emulator of Microsoft's custom threat intelligence API (V1.0), its successor the Defender for
Endpoint Indicators API (/api/indicators), and their Azure AD token endpoint, in one process on one port.

  --port <n>                 TCP port (default 0 = any free port)
  --host <addr>              interface to bind (default 127.0.0.1; anything else prints a warning)
  --token-lifetime <s>       access token lifetime in seconds (default 3599)
  --page-size <n>            server-driven page size (default 100)
  --quota-total <n>          most alert definitions + IOCs (default 15000; more answers 507)
  --quota-non-equals <n>     most IOCs whose DetectionFunction is not Equals (default 5000)
  --rate-limit <m>[,<h>]     requests per minute [and per hour]; more answers 429 + Retry-After (default off)
  --rate-limit documented    the Indicators API's documented limits per endpoint and app (list, submit, delete
                             100/min and 1500/h; import, BatchDelete 30/min and 1500/h); /V1.0 stays unlimited
  --rate-limit-scale <n>     shorten the documented limits' windows n times (60: a minute lasts 1 s), for tests
  --indicator-cap <n>        most active indicators (default 15000, as documented)
  --client-roles <id>=<roles>  accept another client id (same secret) whose tokens carry these comma-separated
                             roles, e.g. <id>=Ti.ReadWrite.All (repeatable; <id>= for none; default Ti.ReadWrite)
  --state <file>             persist to an append-only journal (fsynced per write; survives kill -9)
  --state-compact-bytes <n>  compact the journal while running after this many bytes appended (default 64 MiB)
  --seed <file.json|name>    load seed data into an empty store: "sample" = the docs' examples,
                             "demo" = a few hundred entities over the last three months, to investigate
  --latency <ms>[±<ms>]      delay every service and token response (e.g. 200±50)
  --faults <rules>           inject faults, e.g. 503:10%,429:5%,reset:1%,hang:0.5%
                             rule = <status>[/<retry-after-s>]|reset|hang:<percent>%[x<times>][@api|token|all]
                             (scope defaults to api: the token endpoint is hit only when a rule says so)
  --fault-seed <n>           seed of the fault and latency dice (repeatable runs)
  --client-id <id>           accepted client id (default: the demo client id)
  --client-secret <secret>   accepted client secret (default: the demo secret, see README)
  --tenant-id <id>           tenant id in the token URL (default: the demo tenant)
  --log <file>               append one line per request to a file
  --quiet                    do not print request lines
  --help                     show this text

Admin (no auth, this host only): GET /_emulator/stats, GET /_emulator/state, POST /_emulator/reset
[{"seed":false,"tokens":true}], POST /_emulator/revoke, GET|PUT /_emulator/faults {"rules":"503:10%"}.`;

const FLAGS = {
  port: { type: "string" },
  host: { type: "string" },
  "token-lifetime": { type: "string" },
  "page-size": { type: "string" },
  "quota-total": { type: "string" },
  "quota-non-equals": { type: "string" },
  "rate-limit": { type: "string" },
  "rate-limit-scale": { type: "string" },
  "indicator-cap": { type: "string" },
  "client-roles": { type: "string", multiple: true },
  state: { type: "string" },
  "state-compact-bytes": { type: "string" },
  seed: { type: "string" },
  latency: { type: "string" },
  faults: { type: "string" },
  "fault-seed": { type: "string" },
  "client-id": { type: "string" },
  "client-secret": { type: "string" },
  "tenant-id": { type: "string" },
  log: { type: "string" },
  quiet: { type: "boolean" },
  help: { type: "boolean" },
} as const;

/**
 * Turns argv into emulator options, or `"help"`; an unknown, malformed or conflicting flag throws a
 * {@link UsageError} naming it and why.
 * @example parseCliArgs(["--port", "0", "--quiet"]) // { port: 0, quiet: true }
 */
export function parseCliArgs(argv: readonly string[]): EmulatorOptions | "help" {
  let values: ReturnType<typeof parseArgs<{ options: typeof FLAGS; strict: true }>>["values"];
  try {
    ({ values } = parseArgs({ args: [...argv], options: FLAGS, strict: true, allowPositionals: false }));
  } catch (error) {
    throw new UsageError(`${(error as Error).message} (see --help)`);
  }
  if (values.help) return "help";
  const v = values;
  const options: EmulatorOptions = {
    ...(v.port !== undefined && { port: int("--port", v.port) }),
    ...(v.host !== undefined && { host: v.host }),
    ...(v["token-lifetime"] !== undefined && {
      tokenLifetimeSeconds: int("--token-lifetime", v["token-lifetime"]),
    }),
    ...(v["page-size"] !== undefined && { pageSize: int("--page-size", v["page-size"]) }),
    ...(v["quota-total"] !== undefined && { quotaTotal: int("--quota-total", v["quota-total"]) }),
    ...(v["quota-non-equals"] !== undefined && {
      quotaNonEquals: int("--quota-non-equals", v["quota-non-equals"]),
    }),
    ...(v["rate-limit"] !== undefined && { rateLimit: rateLimit(v["rate-limit"]) }),
    ...(v["rate-limit-scale"] !== undefined && {
      rateLimitScale: int("--rate-limit-scale", v["rate-limit-scale"]),
    }),
    ...(v["indicator-cap"] !== undefined && { indicatorCap: int("--indicator-cap", v["indicator-cap"]) }),
    ...(v["client-roles"] !== undefined && { clientRoles: clientRoles(v["client-roles"]) }),
    ...(v.state !== undefined && { statePath: v.state }),
    ...(v["state-compact-bytes"] !== undefined && {
      stateCompactBytes: int("--state-compact-bytes", v["state-compact-bytes"]),
    }),
    ...(v.seed !== undefined && { seed: v.seed }),
    ...(v.latency !== undefined && { latency: v.latency }),
    ...(v.faults !== undefined && { faults: v.faults }),
    ...(v["fault-seed"] !== undefined && { faultSeed: int("--fault-seed", v["fault-seed"]) }),
    ...(v["client-id"] !== undefined && { clientId: v["client-id"] }),
    ...(v["client-secret"] !== undefined && { clientSecret: v["client-secret"] }),
    ...(v["tenant-id"] !== undefined && { tenantId: v["tenant-id"] }),
    ...(v.log !== undefined && { log: v.log }),
    ...(v.quiet !== undefined && { quiet: v.quiet }),
  };
  checkConflicts(options);
  try {
    // The same checks startEmulator makes (ranges, fault and latency syntax), reported as usage errors.
    normalizeOptions(options);
  } catch (error) {
    throw new UsageError((error as Error).message);
  }
  return options;
}

function int(flag: string, text: string): number {
  if (!/^\d{1,10}$/.test(text.trim()))
    throw new UsageError(`${flag} takes a non-negative integer, got "${text}"`);
  return Number(text);
}

function rateLimit(text: string): { perMinute: number; perHour?: number } | "documented" {
  if (text.trim() === "documented") return "documented";
  const match = /^(\d{1,9})(?:,(\d{1,9}))?$/.exec(text.trim());
  if (!match)
    throw new UsageError(
      `--rate-limit takes <per-minute>[,<per-hour>], e.g. 100,1500, or documented; got "${text}"`,
    );
  const perMinute = Number(match[1]);
  const perHour = match[2] === undefined ? undefined : Number(match[2]);
  if (perMinute < 1 || (perHour !== undefined && perHour < 1))
    throw new UsageError("--rate-limit values must be at least 1");
  if (perHour !== undefined && perHour < perMinute) {
    throw new UsageError(
      `--rate-limit: the per-hour limit (${perHour}) is below the per-minute limit (${perMinute})`,
    );
  }
  return perHour === undefined ? { perMinute } : { perMinute, perHour };
}

function clientRoles(values: readonly string[]): Record<string, string[]> {
  const out: Record<string, string[]> = {};
  for (const text of values) {
    const match = /^([^=\s]+)=(.*)$/.exec(text.trim());
    if (!match?.[1])
      throw new UsageError(
        `--client-roles takes <client-id>=<role>[,<role>], e.g. <id>=Ti.ReadWrite.All; got "${text}"`,
      );
    const roles = (match[2] ?? "")
      .split(",")
      .map((r) => r.trim())
      .filter((r) => r !== "");
    const unknown = roles.filter((r) => !(INDICATOR_ROLES as readonly string[]).includes(r));
    if (unknown.length > 0)
      throw new UsageError(
        `--client-roles: unknown role ${unknown.join(", ")} (known: ${INDICATOR_ROLES.join(", ")})`,
      );
    out[match[1]] = roles;
  }
  return out;
}

function checkConflicts(o: EmulatorOptions): void {
  if (o.rateLimitScale !== undefined && o.rateLimit !== "documented")
    throw new UsageError("--rate-limit-scale has no effect without --rate-limit documented");
  if (o.faultSeed !== undefined && o.faults === undefined && o.latency === undefined) {
    throw new UsageError("--fault-seed has no effect without --faults or --latency");
  }
  if (o.quotaNonEquals !== undefined && o.quotaTotal !== undefined && o.quotaNonEquals > o.quotaTotal) {
    throw new UsageError(
      `--quota-non-equals (${o.quotaNonEquals}) cannot exceed --quota-total (${o.quotaTotal})`,
    );
  }
  if (o.log !== undefined && o.log === o.statePath)
    throw new UsageError("--log and --state must be different files");
}
