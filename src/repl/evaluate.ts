import { Recoverable, type REPLEval } from "node:repl";
import { Script } from "node:vm";
import { formatError } from "../display/index.js";
import { runAbortable } from "./abortable.js";
import { startSpinner } from "./spinner.js";
import type { ReplState } from "./types.js";
import { isThenable } from "./writer.js";

const INTERRUPTED = "ERR_SCRIPT_EXECUTION_INTERRUPTED";

/** True when an error means Ctrl-C stopped the evaluation (Node's interruption, or our own abort). */
export function isInterruption(err: unknown): boolean {
  const e = err as { code?: unknown; name?: unknown; kind?: unknown } | null;
  return e?.code === INTERRUPTED || e?.name === "AbortError" || e?.kind === "aborted";
}

/** A terminal's input can leave raw mode while synchronous code runs, so that Ctrl-C arrives as SIGINT. */
export interface RawModeInput {
  readonly isRaw?: boolean;
  setRawMode?(mode: boolean): unknown;
}

/**
 * Runs code in the console's context, the process's global one (see `useGlobal` in server.ts): compiled by
 * {@link compileEntry} (top-level await, object literals), run by `vm` with Ctrl-C breaking synchronous loops,
 * and awaited when it awaits. Rejects with `Recoverable` for an unfinished entry, and with whatever the code threw
 * otherwise. The value comes boxed: a promise the code returned without awaiting stays a promise (the console
 * hints at the missing `await`).
 * @example const { value } = await runCode("await alerts.count()", "REPL1")
 */
export async function runCode(
  code: string,
  file: string,
  input?: RawModeInput,
): Promise<{ readonly value: unknown }> {
  // acorn, behind compileEntry, loads with the first entry rather than before the first prompt (issue 14).
  const { compileEntry, IncompleteInput } = await import("./compile.js");
  let compiled;
  try {
    compiled = compileEntry(code);
  } catch (err) {
    if (err instanceof IncompleteInput) throw new Recoverable(err);
    throw err;
  }
  const script = new Script(compiled.source, { filename: file, lineOffset: -compiled.lineOffset });
  // In raw mode a terminal's Ctrl-C is a key, not a signal: a busy loop could never be interrupted.
  const wasRaw = input?.isRaw === true && typeof input.setRawMode === "function";
  if (wasRaw) input.setRawMode?.(false);
  let value: unknown;
  try {
    value = script.runInThisContext({ breakOnSigint: true });
  } finally {
    if (wasRaw) input.setRawMode?.(true);
  }
  return { value: compiled.awaits ? await value : value };
}

/**
 * The console's eval: each evaluation gets an AbortController that Ctrl-C aborts (every session call the
 * evaluation makes, awaited or not, obeys its signal, and the prompt comes back at once even if the code ignores
 * it), a spinner after 250 ms on a terminal, and errors printed as one line (kept for `.stack`), never
 * Node's "Uncaught" and a stack trace: the error comes back here, since this function awaits the code.
 * @example repl.start({ eval: consoleEval(state, process.stdin) })
 */
export function consoleEval(state: ReplState, input?: RawModeInput): REPLEval {
  return (code, _context, file, cb) => {
    const { settle, signal } = beginEvaluation(state);
    signal.addEventListener("abort", () => {
      if (settle()) {
        reportError(state, signal.reason);
        cb(null, undefined);
      }
    });
    const run = (): Promise<void> =>
      runCode(code, file, input)
        .then(({ value }) => resultOf(state, value))
        .then(
          ({ value }) => {
            state.lastEntry = code;
            if (settle()) cb(null, value);
          },
          (err: unknown) => {
            if (!settle()) return;
            if (err instanceof Recoverable) return cb(err, undefined);
            reportError(state, err);
            cb(null, undefined);
          },
        );
    // Code typed while the session still connects (and the start-up file runs) runs once that is done; the prompt
    // shows before.
    runAbortable(signal, () => void state.connecting.then(run));
  };
}

/**
 * The value to print. At the prompt a promise stays a promise (the writer hints at the missing `await`); without
 * one nothing could await it later, so it is awaited: its value prints and a rejection is the run's failure.
 * @example const { value } = await resultOf(state, alerts.get(1))
 */
export async function resultOf(state: ReplState, value: unknown): Promise<{ readonly value: unknown }> {
  return { value: !state.interactive && isThenable(value) ? await value : value };
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

/** The reason Ctrl-C gives the evaluation's signal: an interruption, so it prints as "Cancelled.". */
export function cancelledByUser(): Error {
  return new DOMException("Cancelled with Ctrl-C", "AbortError");
}

/**
 * Prints an error as one line plus a hint, remembers it for `.stack`, and marks the run failed.
 * @example reportError(state, err)
 */
export function reportError(state: ReplState, err: unknown, file?: string): void {
  state.failed = true;
  if (isInterruption(err)) {
    state.errors.write("Cancelled.\n");
    return;
  }
  state.lastError = err;
  const hint = state.interactive ? "  (.stack for details)" : "";
  const at = file === undefined ? undefined : locationIn(err, file);
  state.errors.write(`${formatError(err, { color: state.color })}${at ? ` (at ${at})` : ""}${hint}\n`);
}

/**
 * Where in `file` an error was thrown or awaited: the first frame of its stack naming the file, as `file:line:col`.
 * @example locationIn(err, "triage.js") // "triage.js:3:1"
 */
export function locationIn(err: unknown, file: string): string | undefined {
  const stack = (err as { stack?: unknown } | null)?.stack;
  if (typeof stack !== "string") return undefined;
  const escaped = file.replace(/[.*+?^${}()|[\]\\]/g, "\\$&");
  // The whole name only: "s.js" must not match a frame in the library's own alerts.js.
  const frame = new RegExp(`(?:^|[\\s(])(${escaped}:\\d+:\\d+)`).exec(stack);
  return frame?.[1];
}
