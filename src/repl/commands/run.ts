import type { REPLServer } from "node:repl";
import { runAbortable } from "../abortable.js";
import { reportError } from "../evaluate.js";
import { isPromptExit } from "../prompts.js";
import type { ReplState } from "../types.js";

/** A command's body: gets the rest of the line after the command name. */
export type CommandBody = (rest: string) => Promise<void> | void;

/**
 * Turns an (async) command body into a REPL command action: errors print as one line, Ctrl-C in a prompt
 * says "Cancelled.", the prompt comes back when the body is done, and a controller lets Ctrl-C abort calls.
 * @example server.defineCommand("whoami", { help: "…", action: commandAction(server, state, whoami) })
 */
export function commandAction(
  server: REPLServer,
  state: ReplState,
  body: CommandBody,
): (rest: string) => void {
  return (rest) => {
    const controller = new AbortController();
    state.controller = controller;
    void runAbortable(controller.signal, async () => {
      try {
        await state.connecting;
        await body(rest.trim());
      } catch (err) {
        if (isPromptExit(err)) state.output.write("Cancelled.\n");
        else reportError(state, err);
      } finally {
        if (state.controller === controller) state.controller = undefined;
        server.displayPrompt();
      }
    });
  };
}

/** Writes lines to the console's output. */
export function say(state: Pick<ReplState, "output">, ...lines: string[]): void {
  state.output.write(`${lines.join("\n")}\n`);
}
