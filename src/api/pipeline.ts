import type { Dispatcher } from "undici";
import {
  createAgent,
  createPauseGate,
  createRequestLog,
  createTransport,
  withBearerAuth,
  withConcurrencyLimit,
  withDefaultSignal,
  withOriginPause,
  withRetry,
  type BearerTokenSource,
  type Clock,
  type RequestLog,
  type RetryPolicy,
  type Send,
  type SendWrapper,
  type SignalSource,
} from "../http/index.js";
import { ConfigurationError } from "../errors/index.js";

/** What the wrapper stack is built from (normalised options). */
export interface PipelineOptions {
  readonly dispatcher: Dispatcher | undefined;
  readonly concurrency: number;
  readonly timeoutMs: number;
  readonly retry: RetryPolicy;
  readonly clock: Clock;
  /** The signal every API call also obeys (see ConnectOptions.defaultSignal). */
  readonly defaultSignal: SignalSource;
}

/** The two sends of a session (API calls with a token, token requests without), sharing one transport and log. */
export interface Pipeline {
  /** Sends to the API: token attached, retried, throttled, limited, logged. */
  readonly api: (tokens: BearerTokenSource) => Send;
  /** Sends to the token endpoint: retried and logged, never limited (an API call may be waiting for the token). */
  readonly token: Send;
  readonly log: RequestLog;
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
  const transport = createTransport({
    dispatcher: options.dispatcher ?? ownAgent!,
    timeoutMs: options.timeoutMs,
  });
  const log = createRequestLog(options.clock);
  const gate = createPauseGate(options.clock);
  const retry = withRetry({ policy: options.retry, clock: options.clock });
  const wire = log.wrapper(transport);
  let closed = false;
  // After close() every call fails at once with a clear message instead of an undici "client closed".
  const open: SendWrapper = (next) => async (request) => {
    if (closed) throw new ConfigurationError("This session is closed; call connect() again");
    return next(request);
  };
  return {
    api: (tokens) =>
      // default signal: the caller's signal joined with the session's, so every layer below stops on either
      withDefaultSignal(options.defaultSignal)(
        // open: refuses calls after close()
        open(
          // retry: re-sends a failed attempt by the policy (read back first when a POST may have landed)
          retry(
            // auth: attaches a fresh bearer token per attempt; on 401 forces one refresh and replays once
            withBearerAuth(tokens)(
              // limit: at most `concurrency` requests in flight
              withConcurrencyLimit(options.concurrency)(
                // throttle: checked right before the wire, so a 429 holds back every queued request of the origin
                withOriginPause({
                  gate,
                  clock: options.clock,
                  maxPauseMs: options.retry.retryAfterCeilingMs,
                })(
                  // log + transport: one undici request(), reported to request listeners
                  wire,
                ),
              ),
            ),
          ),
        ),
      ),
    token: open(retry(wire)),
    log,
    pausedMs: () => gate.pausedMs(),
    close: async () => {
      if (closed) return;
      closed = true;
      await ownAgent?.close();
    },
  };
}
