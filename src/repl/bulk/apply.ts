import type { REPLServer } from "node:repl";
import type { ApplyOptions, BulkResult } from "../../bulk/index.js";
import { abortSignal } from "../abortable.js";
import { isPromptExit, withPrompts } from "../prompts.js";
import { stopSpinners } from "../spinner.js";
import { outputWidth, type ReplState } from "../types.js";
import { confirmQuestion, isDestructive, progressVerb, writesOf, type AnyPlan } from "./describe.js";
import { formatResult } from "./format.js";
import { startProgressLine, type ProgressLine } from "./progress.js";

/** Options of a plan's `apply` at the console: the engine's, with `confirm` optional (the console asks). */
export type ConsoleApplyOptions = Omit<ApplyOptions, "confirm"> & { readonly confirm?: boolean };

/** The engine's apply of one plan. */
export type EngineApply = (options: ApplyOptions) => Promise<BulkResult>;

/** Where a console apply asks and shows progress. */
export interface ApplyIo {
  readonly server: REPLServer;
  readonly state: ReplState;
}

/** Thrown by `plan.apply()` without `{ confirm: true }` when there is no terminal to ask on. */
export class ConfirmationRequiredError extends Error {
  constructor(question: string) {
    super(
      `${question} There is no terminal to ask on (piped input, --eval or a script): call apply({ confirm: true }) to write. Nothing was written.`,
    );
    this.name = "ConfirmationRequired";
  }
}

/**
 * A plan's `apply` at the console: without `confirm: true` it asks (inquirer, the REPL's input gated; deletes
 * and disables default to No), or refuses with a one-line error when not at a terminal; then applies with an
 * ora progress line at a terminal. Ctrl-C stops the edit; its partial result prints with how to resume.
 * Resolves to undefined when the answer is No.
 * @example await applyAtConsole(io, plan, plan.apply, {})  // at the prompt: await plan.apply()
 */
export async function applyAtConsole(
  io: ApplyIo,
  plan: AnyPlan,
  apply: EngineApply,
  options: ConsoleApplyOptions = {},
  patch?: Readonly<Record<string, unknown>>,
): Promise<BulkResult | undefined> {
  // Read now, in the evaluation's own async context: Ctrl-C aborts this signal.
  const evaluation = abortSignal();
  if (plan.dryRun) return apply({ ...options, confirm: options.confirm === true });
  if (options.confirm !== true && writesOf(plan) > 0) {
    const question = confirmQuestion(plan, patch);
    if (!io.state.interactive) throw new ConfirmationRequiredError(question);
    if (!(await ask(io, question, !isDestructive(plan)))) {
      io.state.output.write("Nothing was written.\n");
      return undefined;
    }
  }
  const signals = [options.signal, evaluation].filter((s): s is AbortSignal => s !== undefined);
  const signal = signals.length ? AbortSignal.any(signals) : undefined;
  const result = await run(io, plan, apply, { ...options, ...(signal ? { signal } : {}) });
  // Node's REPL gave the prompt back at Ctrl-C, before the edit had stopped: say what it did above the prompt.
  if (evaluation?.aborted) printAbovePrompt(io, formatResult(result, display(io.state), resumeHint(options)));
  return result;
}

async function ask(io: ApplyIo, question: string, defaultYes: boolean): Promise<boolean> {
  stopSpinners();
  try {
    return await withPrompts(io.server, io.state, (a) => a.confirm(question, defaultYes));
  } catch (err) {
    if (isPromptExit(err)) return false;
    throw err;
  }
}

async function run(
  io: ApplyIo,
  plan: AnyPlan,
  apply: EngineApply,
  options: ConsoleApplyOptions,
): Promise<BulkResult> {
  let line: ProgressLine | undefined;
  if (io.state.interactive) {
    stopSpinners();
    line = await startProgressLine(io.state.output, progressVerb(plan.operation));
  }
  // At Ctrl-C the line goes at once: the prompt comes back before the requests in flight have ended.
  const clear = (): void => line?.end(undefined);
  options.signal?.addEventListener("abort", clear, { once: true });
  let result: BulkResult | undefined;
  try {
    result = await apply({
      ...options,
      confirm: true,
      onProgress: (p) => {
        line?.update(p);
        options.onProgress?.(p);
      },
    });
    return result;
  } finally {
    options.signal?.removeEventListener("abort", clear);
    line?.end(result);
  }
}

function resumeHint(options: ConsoleApplyOptions): string {
  if (options.journal !== undefined)
    return `To finish: await plan.apply({ journal: ${JSON.stringify(options.journal)} }) again (the journal remembers what was written, also after a restart).`;
  return 'To finish: await plan.apply() again (this plan remembers what was written; pass { journal: "edit.jsonl" } to resume after a restart too).';
}

function display(state: ReplState): { width: number; color: boolean } {
  return { width: outputWidth(state), color: state.color };
}

function printAbovePrompt(io: ApplyIo, text: string): void {
  io.state.output.write(`\r\u001b[K${text}\n`);
  if (!io.state.controller) io.server.displayPrompt(true);
}
