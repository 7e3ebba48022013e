import { AsyncLocalStorage } from "node:async_hooks";

// The signal travels with the async context, not with the console's state: code an evaluation left running
// after Ctrl-C (a loop that catches errors) still carries its own, aborted, signal, never the next one's.
const current = new AsyncLocalStorage<AbortSignal>();

/**
 * Runs `work`, and everything it starts or awaits, as cancelled by `signal` (Ctrl-C aborts it).
 * @example runAbortable(controller.signal, () => original(code, context, file, cb))
 */
export function runAbortable<T>(signal: AbortSignal, work: () => T): T {
  return current.run(signal, work);
}

/**
 * The signal of the evaluation or command the calling code belongs to; undefined outside one. The console gives
 * it to connect() as `defaultSignal`, so Ctrl-C aborts `await alerts.list()` without the user passing `{ signal }`.
 * @example connect({ ...credentials, defaultSignal: abortSignal })
 */
export function abortSignal(): AbortSignal | undefined {
  return current.getStore();
}
