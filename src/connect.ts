import { DEFAULT_API_URL, DEFAULT_RESOURCE } from "./schema/index.js";
import type { Dispatcher } from "undici";
import type { SessionSettings, WarningListener } from "./api/index.js";
import type { Applier } from "./bulk/index.js";
import { ConnectedSession } from "./session.js";
import { normalizeTokenCyclerOptions, Secret } from "./auth/index.js";
import {
  normalizeRetryPolicy,
  systemClock,
  type Clock,
  type RetryPolicy,
  type SignalSource,
} from "./http/index.js";
import { ConfigurationError } from "./errors/index.js";

/** Where to connect and how. Every field falls back to the environment, then to a default. */
export interface ConnectOptions {
  /** Token endpoint ("authorization server URL"), e.g. https://login.windows.net/<tenant>/oauth2/token. Env: TI_AUTH_URL. */
  readonly authUrl?: string;
  /** Env: TI_CLIENT_ID. */
  readonly clientId?: string;
  /** Env: TI_CLIENT_SECRET. Kept in a private field; never printed. */
  readonly clientSecret?: string;
  /** Token audience. Env: TI_RESOURCE; default https://graph.windows.net. */
  readonly resource?: string;
  /** Service root. Env: TI_API_URL; default https://ti.securitycenter.windows.com/V1.0. */
  readonly apiUrl?: string;
  /** undici dispatcher (e.g. a ProxyAgent). Default: one keep-alive Agent with `concurrency` connections. */
  readonly dispatcher?: Dispatcher;
  /** Most requests on the wire at once. Default: 8. */
  readonly concurrency?: number;
  /** Per-attempt timeout. Default: 30,000. */
  readonly timeoutMs?: number;
  /** Retry policy overrides (see RetryPolicy). */
  readonly retry?: Partial<RetryPolicy>;
  /**
   * Tells time and waits, for everything the session does: token expiry, retry backoff, the 429 gate (a 429
   * pauses the origin for its Retry-After by this clock), the request log's durations. Default: the system clock.
   */
  readonly clock?: Clock;
  /** Receives warnings such as an unknown Category. Default: ignored (the library never prints). */
  readonly onWarning?: WarningListener;
  /** Token refresh windows for a one-hour token (shrunk for short-lived ones). Defaults: 300,000 and 60,000. */
  readonly refreshWindowMs?: number;
  readonly blockWindowMs?: number;
  /** Where to read TI_* variables from. Default: process.env. */
  readonly env?: Readonly<Record<string, string | undefined>>;
  /** Aborts connecting (the first token request). Calls on the session use `defaultSignal` and their own. */
  readonly signal?: AbortSignal;
  /**
   * Asked when each call starts (`alerts.list()`, each page of a list, `iocs.create()`, ...) for a signal that
   * aborts it, joined with the call's own `signal`: either one stops the request on the wire, its retries and
   * waits, with an AbortedError. For cancelling by context rather than by argument: Ctrl-C in a console, or a
   * server's per-request signal from an AsyncLocalStorage. Default: none.
   * @example connect({ defaultSignal: () => requestContext.getStore()?.signal })
   */
  readonly defaultSignal?: SignalSource;
  /** Runs every apply of the session's bulk plans (the console's asks first). Default: the engine's own. */
  readonly applier?: Applier;
}

export { ConnectedSession } from "./session.js";

/** Defaults of {@link ConnectOptions} (the retry policy's and token windows' are their layers' own). */
export const CONNECT_DEFAULTS = {
  resource: DEFAULT_RESOURCE,
  apiUrl: DEFAULT_API_URL,
  concurrency: 8,
  timeoutMs: 30_000,
} as const;

/**
 * Opens a session: reads options (else TI_* environment variables), gets the first token, and returns the
 * session with `alerts`, `iocs`, `pp`, `config` (redacted), `token`, `onRequest` and `close`.
 * @example const session = await connect(); await session.alerts.list()
 */
export async function connect(options: ConnectOptions = {}): Promise<ConnectedSession> {
  const session = new ConnectedSession(normalizeConnectOptions(options), { applier: options.applier });
  try {
    await session.authenticate(options.signal);
  } catch (error) {
    await session.close();
    throw error;
  }
  return session;
}

/**
 * Options with environment fallbacks and defaults applied once; a ConfigurationError names every missing variable.
 * @example normalizeConnectOptions({ env: { TI_AUTH_URL: "...", TI_CLIENT_ID: "...", TI_CLIENT_SECRET: "..." } })
 */
export function normalizeConnectOptions(options: ConnectOptions = {}): SessionSettings {
  const env = options.env ?? process.env;
  const pick = (value: string | undefined, name: string) => value ?? (env[name] || undefined);
  const credentials = readCredentials(options, pick);
  const concurrency = options.concurrency ?? CONNECT_DEFAULTS.concurrency;
  if (!Number.isInteger(concurrency) || concurrency < 1) {
    throw new ConfigurationError(`concurrency must be a whole number >= 1, got ${concurrency}`);
  }
  const apiUrl = checkUrl("TI_API_URL", pick(options.apiUrl, "TI_API_URL") ?? CONNECT_DEFAULTS.apiUrl);
  const clock = options.clock ?? systemClock;
  return {
    ...credentials,
    resource: pick(options.resource, "TI_RESOURCE") ?? CONNECT_DEFAULTS.resource,
    apiUrl: apiUrl.replace(/\/+$/, ""),
    dispatcher: options.dispatcher,
    concurrency,
    timeoutMs: options.timeoutMs ?? CONNECT_DEFAULTS.timeoutMs,
    retry: normalizeRetryPolicy(options.retry),
    clock,
    onWarning: options.onWarning ?? (() => undefined),
    tokens: normalizeTokenCyclerOptions({
      clock,
      refreshWindowMs: options.refreshWindowMs,
      blockWindowMs: options.blockWindowMs,
    }),
    defaultSignal: options.defaultSignal ?? (() => undefined),
  };
}

type Pick = (value: string | undefined, name: string) => string | undefined;

function readCredentials(options: ConnectOptions, pick: Pick) {
  const authUrl = pick(options.authUrl, "TI_AUTH_URL");
  const clientId = pick(options.clientId, "TI_CLIENT_ID");
  const clientSecret = pick(options.clientSecret, "TI_CLIENT_SECRET");
  if (authUrl && clientId && clientSecret) {
    return { authUrl: checkUrl("TI_AUTH_URL", authUrl), clientId, clientSecret: new Secret(clientSecret) };
  }
  const missing = [
    authUrl ? undefined : "TI_AUTH_URL (authUrl)",
    clientId ? undefined : "TI_CLIENT_ID (clientId)",
    clientSecret ? undefined : "TI_CLIENT_SECRET (clientSecret)",
  ].filter((m) => m !== undefined);
  throw new ConfigurationError(
    `Missing credentials: set ${missing.join(", ")} — the values shown when the threat intel API was enabled ` +
      "(Settings > Threat intel), or pass them to connect()",
  );
}

function checkUrl(name: string, value: string): string {
  try {
    const url = new URL(value);
    if (url.protocol === "https:" || url.protocol === "http:") return value;
  } catch {
    // fall through to the error below
  }
  throw new ConfigurationError(`${name} must be an http(s) URL, got ${JSON.stringify(value)}`);
}
