import type { Dispatcher } from "undici";
import {
  chooseService,
  SERVICE_DEFAULTS,
  serviceRoot,
  type ServiceName,
  type SessionSettings,
  type WarningListener,
} from "./api/index.js";
import type { Applier } from "./bulk/index.js";
import { ConnectedSession } from "./session.js";
import { normalizeTokenCyclerOptions, Secret } from "./auth/index.js";
import {
  normalizeRetryPolicy,
  systemClock,
  type Clock,
  type RequestListener,
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
  /**
   * Token audience: the v1 `resource`, or for a `/oauth2/v2.0/token` URL the base of the `<resource>/.default`
   * scope. Env: TI_RESOURCE; default https://graph.windows.net (custom TI) or https://api.securitycenter.microsoft.com
   * (the Indicators API).
   */
  readonly resource?: string;
  /**
   * Service root. Env: TI_API_URL; default https://ti.securitycenter.windows.com/V1.0 (custom TI) or
   * https://api.securitycenter.microsoft.com/api (the Indicators API).
   */
  readonly apiUrl?: string;
  /**
   * `"custom-ti"` or `"indicators"`. Env: TI_SERVICE; default: the one the API URL names (`…/api` is the
   * Indicators API, `…/V1.0` custom TI), else custom TI.
   */
  readonly service?: ServiceName;
  /**
   * `"documented"`: schedule the Indicators API's calls within its documented rate limits (list, submit and delete
   * 100 per minute and 1,500 per hour; import and BatchDelete 30 per minute), per origin and endpoint, so that a
   * long run meets no 429; `"off"`: send at once. Default: documented for the Indicators API (custom TI publishes
   * no limits).
   */
  readonly rateBudget?: "documented" | "off";
  /** Shortens the budget's windows by this factor, as the emulator's `--rate-limit-scale` does. Default: 1. */
  readonly rateBudgetScale?: number;
  /** undici dispatcher (e.g. a ProxyAgent). Default: one keep-alive Agent with `concurrency` connections. */
  readonly dispatcher?: Dispatcher;
  /** Most requests on the wire at once. Default: 8. */
  readonly concurrency?: number;
  /** Per-attempt timeout. Default: 30,000. */
  readonly timeoutMs?: number;
  /**
   * A call's overall deadline across its retries: no retry starts after it, and the error says how many attempts
   * were made. Default: 60,000 (the retry policy's `deadlineMs`).
   * @example connect({ deadlineMs: 10_000 })
   */
  readonly deadlineMs?: number;
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
  /**
   * Refuse every write (any request but GET, HEAD and OPTIONS; the token request is not one) with a
   * ConfigurationError before it is sent: for demos on a real tenant. Default: false.
   * @example connect({ readOnly: true })
   */
  readonly readOnly?: boolean;
  /** Runs every apply of the session's bulk plans (the console's asks first). Default: the engine's own. */
  readonly applier?: Applier;
  /**
   * Told of every exchange on the wire from the first token request on (each attempt of a retried call is its
   * own entry, with `attempt` and `waitedMs`), with `requestBody` and `responseBody`: the client secret in the
   * token form and `access_token` in its reply are redacted, and headers are never given. The same log as
   * `session.onRequest(listener, { bodies: true })`, started before `connect()` asks for the first token.
   * @example connect({ onRequest: (e) => exchanges.push(e) })
   */
  readonly onRequest?: RequestListener;
}

export { ConnectedSession } from "./session.js";

/** Defaults of {@link ConnectOptions} (the retry policy's and token windows' are their layers' own). */
export const CONNECT_DEFAULTS = {
  resource: SERVICE_DEFAULTS["custom-ti"].resource,
  apiUrl: SERVICE_DEFAULTS["custom-ti"].apiUrl,
  concurrency: 8,
  timeoutMs: 30_000,
} as const;

/**
 * Opens a session: reads options (else TI_* environment variables), gets the first token, and returns the
 * session with `alerts` and `iocs` (custom TI) or `indicators` (the Indicators API, per `service`), `pp`, `config`
 * (redacted), `token`, `onRequest` and `close`.
 * @example const session = await connect(); await session.alerts.list()
 */
export async function connect(options: ConnectOptions = {}): Promise<ConnectedSession> {
  const session = new ConnectedSession(normalizeConnectOptions(options), { applier: options.applier });
  if (options.onRequest) session.onRequest(options.onRequest, { bodies: true });
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
  const givenUrl = pick(options.apiUrl, "TI_API_URL");
  const service = chooseService(
    pick(options.service, "TI_SERVICE"),
    givenUrl && checkUrl("TI_API_URL", givenUrl),
  );
  const apiUrl = givenUrl ?? SERVICE_DEFAULTS[service].apiUrl;
  const clock = options.clock ?? systemClock;
  return {
    ...credentials,
    service,
    resource: pick(options.resource, "TI_RESOURCE") ?? SERVICE_DEFAULTS[service].resource,
    apiUrl: serviceRoot(service, apiUrl),
    dispatcher: options.dispatcher,
    concurrency,
    timeoutMs: options.timeoutMs ?? CONNECT_DEFAULTS.timeoutMs,
    retry: readRetry(options),
    clock,
    onWarning: options.onWarning ?? (() => undefined),
    tokens: normalizeTokenCyclerOptions({
      clock,
      refreshWindowMs: options.refreshWindowMs,
      blockWindowMs: options.blockWindowMs,
    }),
    defaultSignal: options.defaultSignal ?? (() => undefined),
    readOnly: options.readOnly ?? false,
    ...readBudget(options),
  };
}

function readRetry(options: ConnectOptions): RetryPolicy {
  const deadlineMs = options.deadlineMs ?? options.retry?.deadlineMs;
  if (deadlineMs !== undefined && !(Number.isFinite(deadlineMs) && deadlineMs > 0))
    throw new ConfigurationError(`deadlineMs must be a number of milliseconds > 0, got ${deadlineMs}`);
  return normalizeRetryPolicy({ ...options.retry, ...(deadlineMs === undefined ? {} : { deadlineMs }) });
}

function readBudget(options: ConnectOptions) {
  const rateBudget = options.rateBudget ?? "documented";
  if (rateBudget !== "documented" && rateBudget !== "off")
    throw new ConfigurationError(
      `rateBudget must be "documented" or "off", got ${JSON.stringify(rateBudget)}`,
    );
  const rateBudgetScale = options.rateBudgetScale ?? 1;
  if (!Number.isInteger(rateBudgetScale) || rateBudgetScale < 1 || rateBudgetScale > 3600)
    throw new ConfigurationError(
      `rateBudgetScale must be a whole number from 1 to 3600, got ${rateBudgetScale}`,
    );
  return { rateBudget, rateBudgetScale } as const;
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
