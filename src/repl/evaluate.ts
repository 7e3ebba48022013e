import type { EventEmitter } from "node:events";
import { Recoverable, type REPLServer } from "node:repl";
import { formatError } from "../display/index.js";
import { runAbortable } from "./abortable.js";
import { startSpinner } from "./spinner.js";
import type { ReplState } from "./types.js";

type EvalCallback = (err: Error | null, result?: unknown) => void;

const INTERRUPTED = "ERR_SCRIPT_EXECUTION_INTERRUPTED";

/** True when an error means Ctrl-C stopped the evaluation (Node's interruption, or our own abort). */
export function isInterruption(err: unknown): boolean {
  const e = err as { code?: unknown; name?: unknown; kind?: unknown } | null;
  return e?.code === INTERRUPTED || e?.name === "AbortError" || e?.kind === "aborted";
}

/**
 * Wraps the REPL's own eval (kept for top-level await): each evaluation gets an AbortController that Ctrl-C
 * aborts (every session call the evaluation makes, awaited or not, obeys its signal), a spinner after 250 ms on
 * a terminal, and errors printed as one line (kept for `.stack`) instead of a stack trace.
 * @example wrapEval(server, state)
 */
export function wrapEval(server: REPLServer, state: ReplState): void {
  const original = server.eval;
  const pending = takeOverErrors(server, state);
  const wrapped = (code: string, context: object, file: string, cb: EvalCallback): void => {
    const { settle, signal } = beginEvaluation(state);
    pending.fail = (err) => {
      if (!settle()) return;
      pending.fail = undefined;
      reportError(state, err);
      cb(null, undefined);
    };
    const run = (): void =>
      original.call(server, code, context, file, (err: Error | null, result?: unknown) => {
        if (!settle()) return;
        pending.fail = undefined;
        if (err && !(err instanceof Recoverable)) {
          reportError(state, err);
          return cb(null, undefined);
        }
        return err ? cb(err) : cb(null, result);
      });
    // Code typed while the session still connects runs once it is ready (the prompt shows before that).
    runAbortable(signal, () => (state.connected ? run() : void state.connecting.then(run)));
  };
  // The typings mark eval read-only; at run time it is a plain property that the line handler reads per line.
  (server as { eval: unknown }).eval = wrapped;
  // Ctrl-C while an evaluation runs: Node rejects the await; aborting the signal also stops the request.
  server.on("SIGINT", () => state.controller?.abort(new Error("Cancelled with Ctrl-C")));
}

/**
 * Node sends evaluation errors straight to the REPL's domain (printing "Uncaught" and a stack), never to the
 * eval callback; take that path over so that the evaluation in flight ends through our callback instead.
 */
function takeOverErrors(
  server: REPLServer,
  state: ReplState,
): { fail: ((err: unknown) => void) | undefined } {
  const pending: { fail: ((err: unknown) => void) | undefined } = { fail: undefined };
  const domain = (server as unknown as { _domain: EventEmitter })._domain;
  domain.removeAllListeners("error");
  domain.on("error", (err: unknown) => {
    if (pending.fail) return pending.fail(err);
    reportError(state, err);
    server.clearBufferedCommand();
    server.displayPrompt();
  });
  return pending;
}

/**
 * Starts one evaluation (its controller, its spinner); returns its signal and the function that ends it once
 * (true) only.
 */
function beginEvaluation(state: ReplState): { settle: () => boolean; signal: AbortSignal } {
  const controller = new AbortController();
  state.controller = controller;
  const stopSpinner = startSpinner(state);
  let settled = false;
  const settle = (): boolean => {
    if (settled) return false;
    settled = true;
    stopSpinner();
    if (state.controller === controller) state.controller = undefined;
    return true;
  };
  return { settle, signal: controller.signal };
}

/**
 * Prints an error as one line plus a hint, remembers it for `.stack`, and marks the run failed.
 * @example reportError(state, err)
 */
export function reportError(state: ReplState, err: unknown): void {
  state.failed = true;
  if (isInterruption(err)) {
    state.errors.write("Cancelled.\n");
    return;
  }
  state.lastError = err;
  const hint = state.interactive ? "  (.stack for details)" : "";
  state.errors.write(`${formatError(err, { color: state.color })}${hint}\n`);
}
