import type { Applier, AnyPlan, ApplyOptions, BulkResult, Confirm } from "../../bulk/index.js";
import { abortSignal } from "../abortable.js";
import { askBeforeWriting } from "../confirm.js";
import { stopSpinners } from "../spinner.js";
import { outputWidth, type ReplState } from "../types.js";
import { confirmQuestion, isDestructive, progressVerb, writesOf } from "./describe.js";
import { formatResult } from "./format.js";
import { startProgressLine, type ProgressLine } from "./progress.js";

/**
 * How the console's session applies plans: without `confirm: true` the engine is given an inquirer prompt as its
 * `confirm` (the REPL's input gated; deletes and disables default to No), or a callback that refuses with a
 * one-line error when not at a terminal; writing shows an ora progress line at a terminal. Ctrl-C stops the
 * edit; its partial result prints with how to resume (`hint`; default: apply the plan again). A No resolves to
 * undefined.
 * @example await openSession(config, consoleApplier(state))  // then, at the prompt: await plan.apply()
 */
export function consoleApplier(
  state: ReplState,
  hint: (options: ApplyOptions) => string = resumeHint,
): Applier {
  return async (plan, options, engine) => {
    // Read now, in the evaluation's own async context: Ctrl-C aborts this signal.
    const evaluation = abortSignal();
    const signals = [options.signal, evaluation].filter((s): s is AbortSignal => s !== undefined);
    const signal = signals.length ? AbortSignal.any(signals) : undefined;
    const progress = new ConsoleProgress(state, plan, signal);
    // The caller's own `true` or callback wins; a plan that writes nothing needs no question.
    const given = options.confirm;
    const confirm =
      given === true || typeof given === "function"
        ? given
        : plan.dryRun || writesOf(plan) === 0
          ? true
          : askFirst(state, plan);
    const onProgress: ApplyOptions["onProgress"] = (p) => {
      progress.update(p);
      options.onProgress?.(p);
    };
    let result: BulkResult | undefined;
    try {
      result = await engine({ ...options, ...(signal ? { signal } : {}), confirm, onProgress });
    } finally {
      await progress.end(result);
    }
    // Node's REPL gave the prompt back at Ctrl-C, before the edit had stopped: say what it did above the prompt.
    if (result && evaluation?.aborted)
      printAbovePrompt(state, formatResult(result, display(state), hint(options)));
    return result;
  };
}

// The engine calls this once, after checking the plan and the options and before writing anything.
function askFirst(state: ReplState, plan: AnyPlan): Confirm {
  return (_plan, left) =>
    askBeforeWriting(
      state,
      confirmQuestion(plan, plan.operation === "import" ? undefined : plan.patch, left),
      {
        how: "call apply({ confirm: true }) to write",
        defaultYes: !isDestructive(plan),
      },
    );
}

/** The progress line of one apply: started at the first snapshot (after the answer), ended once with the result. */
class ConsoleProgress {
  #line: Promise<ProgressLine> | undefined;
  #ended = false;

  constructor(
    private readonly state: ReplState,
    private readonly plan: AnyPlan,
    signal: AbortSignal | undefined,
  ) {
    // At Ctrl-C the line goes at once: the prompt comes back before the requests in flight have ended.
    signal?.addEventListener("abort", () => void this.end(undefined), { once: true });
  }

  update(p: Parameters<ProgressLine["update"]>[0]): void {
    if (this.#ended || !this.state.interactive) return;
    if (!this.#line) {
      stopSpinners();
      this.#line = startProgressLine(this.state.output, progressVerb(this.plan.operation));
    }
    void this.#line.then((line) => line.update(p));
  }

  /** Ends the line (once; later calls do nothing), resolving when its last text is written. */
  async end(result: BulkResult | undefined): Promise<void> {
    if (this.#ended) return;
    this.#ended = true;
    (await this.#line)?.end(result);
  }
}

function resumeHint(options: ApplyOptions): string {
  if (options.journal !== undefined)
    return `To finish: await plan.apply({ journal: ${JSON.stringify(options.journal)} }) again (the journal remembers what was written, also after a restart).`;
  return 'To finish: await plan.apply() again (this plan remembers what was written; pass { journal: "edit.jsonl" } to resume after a restart too).';
}

function display(state: ReplState): { width: number; color: boolean } {
  return { width: outputWidth(state), color: state.color };
}

function printAbovePrompt(state: ReplState, text: string): void {
  state.output.write(`\r\u001b[K${text}\n`);
  if (!state.controller) state.server?.displayPrompt(true);
}
