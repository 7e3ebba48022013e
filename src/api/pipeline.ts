import type { Dispatcher } from "undici";
import { withBearerAuth, type BearerTokenSource } from "../auth/index.js";
import { ConfigurationError } from "../errors/index.js";
import {
  composeSend,
  createAgent,
  createRateBudget,
  createPauseGate,
  createRequestLog,
  createTransport,
  withConcurrencyLimit,
  withDefaultSignal,
  withOriginPause,
  withReadOnly,
  withRetry,
  type BudgetRule,
  type CallLedger,
  type Clock,
  type RequestLog,
  type RetryPolicy,
  type Send,
  type SendWrapper,
  type SignalSource,
} from "../http/index.js";

/** What the wrapper stack is built from (normalised options). */
export interface PipelineOptions {
  readonly dispatcher: Dispatcher | undefined;
  readonly concurrency: number;
  readonly timeoutMs: number;
  readonly retry: RetryPolicy;
  /** Tells time and waits for retries, the 429 gate and the request log. */
  readonly clock: Clock;
  /** The signal every API call also obeys (see ConnectOptions.defaultSignal). */
  readonly defaultSignal: SignalSource;
  /** Documented rate limits to schedule calls within (the Indicators API's); undefined for none. */
  readonly budget?: BudgetRule | undefined;
  /** Refuse every write before it is sent (see ConnectOptions.readOnly). */
  readonly readOnly: boolean;
  /** Removes the client secret from the request log's bodies (it is in the token request's form). */
  readonly scrub?: (text: string) => string;
}

/** The two sends of a session (API calls with a token, token requests without), sharing one transport and log. */
export interface Pipeline {
  /** Sends to the API: limited, throttled, retried, token attached last, logged. */
  readonly api: (tokens: BearerTokenSource) => Send;
  /** Sends to the token endpoint: retried and logged, never limited (an API call holding a slot may be waiting for the token). */
  readonly token: Send;
  readonly log: RequestLog;
  /** The rate budget's calls (to journal them and load an earlier process's); undefined without a budget. */
  readonly budget: CallLedger | undefined;
  /** How long requests have been held back by 429 answers so far, in milliseconds. */
  pausedMs(): number;
  /** Closes the connection pool if the session created it. */
  close(): Promise<void>;
}

/**
 * Builds the wrapper stack around one undici transport, once per session.
 * @example const pipeline = createPipeline(options); const send = pipeline.api(cycler)
 */
export function createPipeline(options: PipelineOptions): Pipeline {
  const ownAgent = options.dispatcher ? undefined : createAgent({ connections: options.concurrency });
  const dispatcher = options.dispatcher ?? ownAgent!.get;
  const transport = createTransport({ dispatcher, timeoutMs: options.timeoutMs, clock: options.clock });
  const log = createRequestLog({ clock: options.clock, ...(options.scrub ? { scrub: options.scrub } : {}) });
  const gate = createPauseGate(options.clock);
  const budget = options.budget
    ? createRateBudget({ rule: options.budget, clock: options.clock })
    : undefined;
  const retry = withRetry({ policy: options.retry, clock: options.clock, onRetry: log.retried });
  let closed = false;
  // After close() every call fails at once with a clear message instead of an undici "client closed".
  // (Not async, as no wrapper above the limit is: see limit.ts.)
  const open: SendWrapper = (next) => (request) =>
    closed
      ? Promise.reject(new ConfigurationError("This session is closed; call connect() again"))
      : next(request);
  const api = (tokens: BearerTokenSource): SendWrapper[] => [
    // default signal: the caller's signal joined with the session's, so every layer below stops on either
    withDefaultSignal(options.defaultSignal),
    // open: refuses calls after close()
    open,
    // read-only: refuses any write before it is sent (never retried, never queued)
    ...(options.readOnly ? [withReadOnly()] : []),
    // retry: re-sends a failed attempt by the policy (read back first when a POST may have landed), numbered
    // for the log below; each attempt queues again, and a 401 replay happens below, inside the attempt
    retry,
    // limit: at most `concurrency` requests in flight; the others wait here, holding no token
    withConcurrencyLimit(options.concurrency),
    // throttle: after a 429 every request of the origin waits here (by the clock), holding no token either
    withOriginPause({ gate, maxPauseMs: options.retry.retryAfterCeilingMs }),
    // budget: waits until the documented rate limits have room, so a long run meets no 429 (counted on the wire)
    ...(budget ? [budget.wrapper] : []),
    // auth: reads the token right before the wire, so it is fresh when sent; on 401 one refresh and one replay
    withBearerAuth(tokens),
    // log: every exchange on the wire, replays included, reported to request listeners
    log.wrapper,
  ];
  return {
    api: (tokens) => composeSend(api(tokens), transport),
    // The token endpoint: the same steps minus the signal, the limit, the throttle and of course the token.
    token: composeSend([open, retry, log.wrapper], transport),
    log,
    budget,
    pausedMs: () => gate.pausedMs(),
    close: async () => {
      if (closed) return;
      closed = true;
      await ownAgent?.close();
    },
  };
}
