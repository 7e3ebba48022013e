import { inspect } from "node:util";
import type { Dispatcher } from "undici";
import {
  createTokenCycler,
  createTokenRequester,
  describeToken,
  type Secret,
  type TokenCycler,
  type TokenCyclerSettings,
  type TokenInfo,
} from "../auth/index.js";
import type {
  CallLedger,
  Clock,
  RequestListener,
  RetryAwareListener,
  RetryPolicy,
  SignalSource,
} from "../http/index.js";
import { createAlerts, type Alerts } from "./alerts.js";
import { Claims } from "./claims.js";
import type { WarningListener } from "./context.js";
import { createIocs, type Iocs } from "./iocs.js";
import { createIndicators, type Indicators } from "./indicators/indicators.js";
import { indicatorBudgetRule } from "./indicators/budget.js";
import { speaking, type ServiceName } from "./indicators/service.js";
import { createPipeline, type Pipeline } from "./pipeline.js";

/** Everything a session is built from, defaults applied (see connect's normalizeConnectOptions). */
export interface SessionSettings {
  /** The service the API URL and the token audience are for. */
  readonly service: ServiceName;
  readonly authUrl: string;
  readonly clientId: string;
  readonly clientSecret: Secret;
  readonly resource: string;
  readonly apiUrl: string;
  readonly dispatcher: Dispatcher | undefined;
  readonly concurrency: number;
  readonly timeoutMs: number;
  readonly retry: RetryPolicy;
  readonly clock: Clock;
  readonly onWarning: WarningListener;
  /** The token cycler's refresh windows, on the session's clock. */
  readonly tokens: TokenCyclerSettings;
  /** Asked when each API call starts for a signal that also aborts it. */
  readonly defaultSignal: SignalSource;
  /** Schedule the Indicators API's calls within its documented rate limits, or not. */
  readonly rateBudget: "documented" | "off";
  /** Shortens the budget's windows as the emulator's `--rate-limit-scale` does (tests). */
  readonly rateBudgetScale: number;
  /** Every write is refused before it is sent. */
  readonly readOnly: boolean;
}

/** The session's configuration as it may be shown: the secret is always `[redacted]`. */
export interface SessionConfig {
  readonly service: ServiceName;
  readonly authUrl: string;
  readonly clientId: string;
  readonly clientSecret: "[redacted]";
  readonly resource: string;
  readonly apiUrl: string;
  readonly concurrency: number;
  readonly timeoutMs: number;
}

/** What a session shows about its token: expiry and claims, never the token. */
export interface SessionToken {
  /** When the current token expires; undefined before the first one. */
  readonly expiresAt: Date | undefined;
  /** The current token's JWT claims (no signature). */
  claims(): Readonly<Record<string, unknown>> | undefined;
  /** Expiry, time obtained and claims together. */
  info(): TokenInfo | undefined;
}

/**
 * A connection to the service: the entity sets, tokens refreshed behind the scenes, a request log. Printing it
 * (inspect, JSON, String) never shows the secret or the token. Make one with `connect()`.
 */
export class Session {
  /** The `AlertDefinitions` entity set. */
  readonly alerts: Alerts;
  /** The `IndicatorsOfCompromise` entity set. */
  readonly iocs: Iocs;
  /** The Indicators API's `indicators` (a session speaks one service: see `service`). */
  readonly indicators: Indicators;
  /** `"custom-ti"` (alerts, iocs) or `"indicators"` (indicators); the other service's sets refuse every call. */
  readonly service: ServiceName;
  readonly config: SessionConfig;
  readonly token: SessionToken;
  readonly #pipeline: Pipeline;
  readonly #cycler: TokenCycler;
  readonly #closing = new AbortController();

  constructor(settings: SessionSettings) {
    const budgeted = settings.service === "indicators" && settings.rateBudget === "documented";
    this.#pipeline = createPipeline({
      ...settings,
      budget: budgeted ? indicatorBudgetRule(settings.rateBudgetScale) : undefined,
      scrub: (text) => settings.clientSecret.scrub(text, settings.clientId),
    });
    const fetchToken = createTokenRequester({
      ...settings,
      send: this.#pipeline.token,
      signal: this.#closing.signal,
    });
    this.#cycler = createTokenCycler(fetchToken, settings.tokens);
    const ctx = {
      send: this.#pipeline.api(this.#cycler),
      apiUrl: settings.apiUrl,
      clock: settings.clock,
      onWarning: settings.onWarning,
      claimed: new Claims(settings.clock),
    };
    this.service = settings.service;
    this.alerts = createAlerts(speaking(ctx, settings, "custom-ti", "alerts"));
    this.iocs = createIocs(speaking(ctx, settings, "custom-ti", "iocs"));
    this.indicators = createIndicators(speaking(ctx, settings, "indicators", "indicators"));
    this.config = Object.freeze({
      service: settings.service,
      authUrl: settings.authUrl,
      clientId: settings.clientId,
      clientSecret: "[redacted]",
      resource: settings.resource,
      apiUrl: settings.apiUrl,
      concurrency: settings.concurrency,
      timeoutMs: settings.timeoutMs,
    });
    this.token = tokenView(this.#cycler);
  }

  /** Gets the first token now, so that bad credentials fail at connect time. */
  async authenticate(signal?: AbortSignal): Promise<void> {
    await this.#cycler.getToken(signal);
  }

  /**
   * Calls `listener` after every exchange on the wire, token requests and each retry's attempt included (method,
   * url, status, startedAtMs, durationMs, attempt, waitedMs; never headers). Returns the function that stops it.
   * With `{ bodies: true }` each entry also carries `requestBody` and `responseBody`, with the client secret and
   * tokens redacted. With `{ retries: true }` the listener is also told of each retry before its wait
   * (`kind: "retry"`, the attempt, why and how long), as the console's spinner shows it.
   * @example session.onRequest((e) => console.log(e.method, e.url, e.status, e.responseBody), { bodies: true })
   */
  onRequest(listener: RequestListener, options?: { readonly bodies?: boolean }): () => void;
  onRequest(
    listener: RetryAwareListener,
    options: { readonly retries: true; readonly bodies?: boolean },
  ): () => void;
  onRequest(
    listener: RequestListener | RetryAwareListener,
    options: { readonly retries?: boolean; readonly bodies?: boolean } = {},
  ): () => void {
    return options.retries
      ? this.#pipeline.log.subscribe(listener as RetryAwareListener, { ...options, retries: true })
      : this.#pipeline.log.subscribe(listener as RequestListener, options);
  }

  /**
   * How long requests have been held back by 429 answers since the session opened (a 429 pauses every caller, so
   * overlapping waits count once). Bulk edits report it as "time waiting on 429".
   * @example session.waitedMs() // 2000
   */
  waitedMs(): number {
    return this.#pipeline.pausedMs();
  }

  /**
   * The calls the session's rate budget counted (the Indicators API's documented limits), so that a journal can
   * record them and a resumed run load them; undefined when the session has no budget. Bulk edits do both.
   * @example session.rateBudget()?.onCall((call) => console.log(call.key, call.at))
   */
  rateBudget(): CallLedger | undefined {
    return this.#pipeline.budget;
  }

  /** Stops token refreshes and closes the connection pool (if the session made it). */
  async close(): Promise<void> {
    this.#closing.abort();
    await this.#pipeline.close();
  }

  toJSON(): object {
    return { config: this.config, tokenExpiresAt: this.token.expiresAt?.toISOString() };
  }

  toString(): string {
    return `Session(${this.config.apiUrl} as ${this.config.clientId})`;
  }

  [inspect.custom](depth: number, options: object): string {
    return `Session ${inspect({ ...this.config, tokenExpiresAt: this.token.expiresAt }, { ...options, depth })}`;
  }
}

function tokenView(cycler: TokenCycler): SessionToken {
  const view: SessionToken = {
    get expiresAt() {
      return cycler.current ? new Date(cycler.current.expiresOnMs) : undefined;
    },
    claims: () => (cycler.current ? describeToken(cycler.current).claims : undefined),
    info: () => (cycler.current ? describeToken(cycler.current) : undefined),
  };
  return Object.defineProperty(view, inspect.custom, {
    value: () => `SessionToken { expiresAt: ${view.expiresAt?.toISOString() ?? "none yet"} }`,
  });
}
