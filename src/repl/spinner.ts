import type { RetryLogEntry } from "../http/index.js";
import type { ReplState } from "./types.js";

const WAITING = "Waiting for the service";
const CANCELS = "(Ctrl-C cancels)";

/**
 * A retry as a person reads it, e.g. `retry 2 of 7 after 503, waiting 1.2 s`.
 * @example retryLine({ attempt: 2, maxAttempts: 7, reason: "503", delayMs: 1200 })
 */
export function retryLine(
  entry: Pick<RetryLogEntry, "attempt" | "maxAttempts" | "reason" | "delayMs">,
): string {
  return `retry ${entry.attempt - 1} of ${entry.maxAttempts - 1} after ${entry.reason}, waiting ${(entry.delayMs / 1000).toFixed(1)} s`;
}

type Subscribe = (listener: (entry: { kind?: string }) => void, options: { retries: true }) => () => void;

/** Calls `onRetry` for each retry the session announces until the returned function is called. */
function watchRetries(session: unknown, onRetry: (entry: RetryLogEntry) => void): () => void {
  // Before connecting the session is a stand-in without a request log.
  const subscribe = (session as { onRequest?: Subscribe } | undefined)?.onRequest;
  if (typeof subscribe !== "function") return () => undefined;
  return subscribe.call(
    session,
    (entry) => {
      if (entry.kind === "retry") onRetry(entry as RetryLogEntry);
    },
    { retries: true },
  );
}

/** Delay before the spinner shows: quick calls never flash one. */
export const SPINNER_DELAY_MS = 250;

const running = new Set<() => void>();

/**
 * Stops the spinners in flight (and those about to show): a prompt or a progress line takes the line over.
 * @example stopSpinners(); await withPrompts(server, state, (ask) => ask.confirm("Delete 3 IOCs?", false))
 */
export function stopSpinners(): void {
  for (const stop of [...running]) stop();
}

/**
 * Shows an ora spinner on the console's output if the work is still running after 250 ms, only on a
 * terminal; while the session retries, it says which retry, after what, and how long it waits. ora is imported
 * on first use to keep start-up fast. Returns the function that stops it.
 * @example const stop = startSpinner(state); try { await work } finally { stop() }
 */
export function startSpinner(
  state: Pick<ReplState, "interactive" | "output" | "color" | "session">,
): () => void {
  if (!state.interactive) return () => undefined;
  let stopped = false;
  let spinner: { stop(): unknown; text: string } | undefined;
  let text = `${WAITING} ${CANCELS}`;
  const unwatch = watchRetries(state.session, (entry) => {
    text = `${WAITING}: ${retryLine(entry)} ${CANCELS}`;
    if (spinner) spinner.text = text;
  });
  const timer = setTimeout(() => {
    void import("ora").then(({ default: ora }) => {
      if (stopped) return;
      spinner = ora({
        text,
        stream: state.output,
        color: "cyan",
        isEnabled: true,
        // The REPL owns stdin: ora must not read or discard it.
        discardStdin: false,
        hideCursor: false,
      }).start();
    });
  }, SPINNER_DELAY_MS);
  const stop = (): void => {
    stopped = true;
    running.delete(stop);
    clearTimeout(timer);
    unwatch();
    spinner?.stop();
  };
  running.add(stop);
  return stop;
}
