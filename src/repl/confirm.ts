import type { REPLServer } from "node:repl";
import { isPromptExit, withPrompts } from "./prompts.js";
import { stopSpinners } from "./spinner.js";
import type { ReplState } from "./types.js";

/** Thrown by a write that must be confirmed when there is no terminal to ask on and `confirm: true` was not given. */
export class ConfirmationRequiredError extends Error {
  constructor(question: string, how: string, nothing = "Nothing was written.") {
    super(`${question} There is no terminal to ask on (piped input, --eval or a script): ${how}. ${nothing}`);
    this.name = "ConfirmationRequired";
  }
}

/** What {@link askBeforeWriting} needs besides the question. */
export interface AskOptions {
  /** How to go ahead without a question, for the error when not at a terminal: `call apply({ confirm: true })`. */
  readonly how: string;
  /** The answer Enter gives: No for anything that deletes or disables. */
  readonly defaultYes: boolean;
  /** Said when the answer is No (and ends the refusal's message). Default: "Nothing was written." */
  readonly nothing?: string;
}

/**
 * Asks a yes/no question before a write, with the REPL's input gated; Ctrl-C in the prompt is a No. Without a
 * terminal it throws {@link ConfirmationRequiredError} saying how to go ahead, so a script never writes unasked.
 * @example if (!(await askBeforeWriting(state, "Delete alert definition 7?", { how, defaultYes: false }))) return
 */
export async function askBeforeWriting(
  state: ReplState,
  question: string,
  options: AskOptions,
): Promise<boolean> {
  const nothing = options.nothing ?? "Nothing was written.";
  if (!state.interactive || !state.server)
    throw new ConfirmationRequiredError(question, options.how, nothing);
  stopSpinners();
  const server: REPLServer = state.server;
  let yes: boolean;
  try {
    yes = await withPrompts(server, state, (a) => a.confirm(question, options.defaultYes));
  } catch (err) {
    if (!isPromptExit(err)) throw err;
    yes = false;
  }
  if (!yes) state.output.write(`${nothing}\n`);
  return yes;
}
