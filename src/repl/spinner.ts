import type { ReplState } from "./types.js";

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
 * terminal. ora is imported on first use to keep start-up fast. Returns the function that stops it.
 * @example const stop = startSpinner(state); try { await work } finally { stop() }
 */
export function startSpinner(state: Pick<ReplState, "interactive" | "output" | "color">): () => void {
  if (!state.interactive) return () => undefined;
  let stopped = false;
  let spinner: { stop(): unknown } | undefined;
  const timer = setTimeout(() => {
    void import("ora").then(({ default: ora }) => {
      if (stopped) return;
      spinner = ora({
        text: "Waiting for the service (Ctrl-C cancels)",
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
    spinner?.stop();
  };
  running.add(stop);
  return stop;
}
