import { DEMO_CLIENT_ID, DEMO_CLIENT_SECRET, DEMO_TENANT_ID } from "./constants.js";
import { parseFaultRules, type FaultRule } from "./control/faults.js";
import { parseLatency, type Latency } from "./control/latency.js";

/** Options of {@link startEmulator}; every one has a default, so `startEmulator()` is a ready demo service. */
export interface EmulatorOptions {
  /** Interface to bind; default 127.0.0.1. */
  host?: string;
  /** TCP port; default 0 (any free port). */
  port?: number;
  /** Lifetime of issued tokens; default 3599 (as the docs' sample reply). */
  tokenLifetimeSeconds?: number;
  clientId?: string;
  clientSecret?: string;
  tenantId?: string;
  /** Server-driven page size, 1 to 10,000; default 100. */
  pageSize?: number;
  /** Most alert definitions plus IOCs stored at once; default 15,000. */
  quotaTotal?: number;
  /** Most IOCs whose DetectionFunction is not Equals; default 5,000. */
  quotaNonEquals?: number;
  /**
   * Requests allowed per sliding minute / hour; off by default. `"documented"` applies the Indicators API's
   * documented limits per endpoint and app under `/api` (ti-api.md Part 5) and leaves `/V1.0` unlimited.
   */
  rateLimit?: { perMinute?: number; perHour?: number } | "documented";
  /** Divides the documented limits' windows (60: the minute lasts a second), for tests; default 1. */
  rateLimitScale?: number;
  /** Most active indicators (`/api/indicators`); default 15,000 as documented. */
  indicatorCap?: number;
  /**
   * Roles per client id in the tokens' `roles` claim, e.g. `{ "<id>": ["Ti.ReadWrite.All"] }`; each listed id is
   * also accepted (with the client secret). Unlisted clients get `Ti.ReadWrite`.
   */
  clientRoles?: Readonly<Record<string, readonly string[]>>;
  /** The clock (ms since epoch) for tokens, timestamps, expiry and rate limits; default `Date.now`. */
  now?: () => number;
  /** Append-only journal file: every acknowledged write is fsynced before the reply. Default: in memory only. */
  statePath?: string;
  /**
   * Compact the state file while running once this many bytes were appended since the last compaction (and at
   * least as many as that compaction wrote), so a long run never grows a file past reopening; default 64 MiB.
   */
  stateCompactBytes?: number;
  /** Request-body bytes held at once across all requests; more answers 503 with Retry-After. Default 64 MiB. */
  bodyBudgetBytes?: number;
  /** Time a client has to send its request headers; default 10,000 (slow-loris connections are dropped). */
  headersTimeoutMs?: number;
  /** Time a client has to send its whole request, body included; default 30,000. */
  requestTimeoutMs?: number;
  /** Seed data: a JSON file path, `"sample"` (the docs' examples) or `"demo"` (a few hundred entities). Loaded only into an empty store. */
  seed?: string;
  /** Added delay: `"200"`, `"200±50"`, or `{ meanMs, jitterMs }`; default none. */
  latency?: string | Latency;
  /** Fault rules, e.g. `"503:10%,reset:1%"` (syntax in faults.ts), or parsed rules; default none. */
  faults?: string | readonly FaultRule[];
  /** Seed of the fault and latency dice, for repeatable runs; default random. */
  faultSeed?: number;
  /** When true, `onLog` is not called (the library itself never prints). */
  quiet?: boolean;
  /** File to append one line per request to (method, path, status, duration, request id; never a credential). */
  log?: string;
  /** Receives the same per-request lines as `log`; the CLI prints them. */
  onLog?: (line: string) => void;
  /** Aborting it stops the emulator (as `close()` does), also while it is still starting. */
  signal?: AbortSignal;
}

/** Options with every default applied and every value checked. */
export interface Settings {
  readonly host: string;
  readonly port: number;
  readonly tokenLifetimeSeconds: number;
  readonly clientId: string;
  readonly clientSecret: string;
  readonly tenantId: string;
  readonly pageSize: number;
  readonly quotaTotal: number;
  readonly quotaNonEquals: number;
  readonly rateLimit: { readonly perMinute: number | undefined; readonly perHour: number | undefined };
  readonly documentedRateLimits: boolean;
  readonly rateLimitScale: number;
  readonly indicatorCap: number;
  readonly clientRoles: Readonly<Record<string, readonly string[]>>;
  readonly now: () => number;
  readonly statePath: string | undefined;
  readonly stateCompactBytes: number;
  readonly bodyBudgetBytes: number;
  readonly headersTimeoutMs: number;
  readonly requestTimeoutMs: number;
  readonly seed: string | undefined;
  readonly latency: Latency;
  readonly faults: readonly FaultRule[];
  readonly faultSeed: number;
  readonly log: string | undefined;
  readonly onLog: ((line: string) => void) | undefined;
  readonly signal: AbortSignal | undefined;
}

/**
 * Applies defaults once and refuses impossible values with a message naming the option.
 * @example normalizeOptions({ pageSize: 10 }).tokenLifetimeSeconds // 3599
 */
export function normalizeOptions(options: EmulatorOptions = {}): Settings {
  const o = options;
  const limit = o.rateLimit === "documented" ? {} : o.rateLimit;
  return {
    host: o.host ?? "127.0.0.1",
    port: integer("port", o.port ?? 0, 0, 65535),
    tokenLifetimeSeconds: integer("tokenLifetimeSeconds", o.tokenLifetimeSeconds ?? 3599, 1, 86_400 * 365),
    clientId: nonEmpty("clientId", o.clientId ?? DEMO_CLIENT_ID),
    clientSecret: nonEmpty("clientSecret", o.clientSecret ?? DEMO_CLIENT_SECRET),
    tenantId: nonEmpty("tenantId", o.tenantId ?? DEMO_TENANT_ID),
    pageSize: integer("pageSize", o.pageSize ?? 100, 1, 10_000),
    quotaTotal: integer("quotaTotal", o.quotaTotal ?? 15_000, 0, 10_000_000),
    quotaNonEquals: integer("quotaNonEquals", o.quotaNonEquals ?? 5_000, 0, 10_000_000),
    rateLimit: {
      perMinute: optionalInteger("rateLimit.perMinute", limit?.perMinute),
      perHour: optionalInteger("rateLimit.perHour", limit?.perHour),
    },
    documentedRateLimits: o.rateLimit === "documented",
    rateLimitScale: integer("rateLimitScale", o.rateLimitScale ?? 1, 1, 3600),
    indicatorCap: integer("indicatorCap", o.indicatorCap ?? 15_000, 0, 10_000_000),
    clientRoles: { ...o.clientRoles },
    now: o.now ?? Date.now,
    statePath: o.statePath,
    stateCompactBytes: integer("stateCompactBytes", o.stateCompactBytes ?? 64 * 1024 * 1024, 1, 2 ** 40),
    bodyBudgetBytes: integer("bodyBudgetBytes", o.bodyBudgetBytes ?? 64 * 1024 * 1024, 1024, 2 ** 40),
    headersTimeoutMs: integer("headersTimeoutMs", o.headersTimeoutMs ?? 10_000, 1, 3_600_000),
    // Node requires the whole-request timeout to be at least the headers timeout.
    requestTimeoutMs: integer(
      "requestTimeoutMs",
      o.requestTimeoutMs ?? Math.max(30_000, o.headersTimeoutMs ?? 0),
      o.headersTimeoutMs ?? 10_000,
      3_600_000,
    ),
    seed: o.seed,
    latency:
      typeof o.latency === "string" ? parseLatency(o.latency) : (o.latency ?? { meanMs: 0, jitterMs: 0 }),
    faults: typeof o.faults === "string" ? parseFaultRules(o.faults) : (o.faults ?? []),
    faultSeed: integer("faultSeed", o.faultSeed ?? Math.floor(Math.random() * 2 ** 31), 0, 2 ** 32 - 1),
    log: o.log,
    onLog: o.quiet ? undefined : o.onLog,
    signal: o.signal,
  };
}

function integer(name: string, value: number, min: number, max: number): number {
  if (!Number.isInteger(value) || value < min || value > max) {
    throw new RangeError(`${name} must be an integer from ${min} to ${max} (got ${String(value)})`);
  }
  return value;
}

function optionalInteger(name: string, value: number | undefined): number | undefined {
  return value === undefined ? undefined : integer(name, value, 1, 10_000_000);
}

function nonEmpty(name: string, value: string): string {
  if (value.trim() === "") throw new RangeError(`${name} must not be empty`);
  return value;
}
