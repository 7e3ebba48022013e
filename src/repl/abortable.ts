import { Agent, type Dispatcher } from "undici";

/** The signal of the evaluation in flight, if any. */
export type SignalSource = () => AbortSignal | undefined;

/**
 * An undici dispatcher that aborts each request when the signal current at its start aborts. The console
 * gives it to connect() so that Ctrl-C stops the HTTP request of `await alerts.list()` without the user
 * passing `{ signal }` (the session has no per-session default-signal hook; see the report).
 * @example connect({ dispatcher: createAbortableDispatcher(() => state.controller?.signal) })
 */
export function createAbortableDispatcher(current: SignalSource, connections = 8): Dispatcher {
  const agent = new Agent({ connections, keepAliveTimeout: 10_000 });
  return agent.compose((dispatch) => (options, handler) => {
    const signal = current();
    if (!signal) return dispatch(options, handler);
    return dispatch(options, abortingHandler(handler, signal));
  });
}

type Handler = Dispatcher.DispatchHandler;

function abortingHandler(handler: Handler, signal: AbortSignal): Handler {
  return {
    onRequestStart(controller, context) {
      const abort = (): void => controller.abort(signal.reason);
      if (signal.aborted) abort();
      else signal.addEventListener("abort", abort, { once: true });
      handler.onRequestStart?.(controller, context);
    },
    onRequestUpgrade: (...args) => handler.onRequestUpgrade?.(...args),
    onResponseStart: (...args) => handler.onResponseStart?.(...args),
    onResponseData: (...args) => handler.onResponseData?.(...args),
    onResponseEnd: (...args) => handler.onResponseEnd?.(...args),
    onResponseError: (...args) => handler.onResponseError?.(...args),
  };
}
