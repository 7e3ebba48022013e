import type { REPLServer } from "node:repl";
import type { ReplState } from "./types.js";

/** A choice in a select prompt. */
export interface Choice {
  readonly name: string;
  readonly value: string;
}

/** One question at a time, on the console's own streams. */
export interface Asker {
  input(
    message: string,
    options?: { default?: string; validate?: (value: string) => true | string },
  ): Promise<string>;
  password(message: string): Promise<string>;
  select(message: string, choices: readonly (string | Choice)[], defaultValue?: string): Promise<string>;
  confirm(message: string, defaultValue?: boolean): Promise<boolean>;
}

/** Thrown by the commands that ask questions when the console reads from a pipe. */
export class NotInteractiveError extends Error {
  constructor(what: string) {
    super(`${what} needs an interactive terminal`);
    this.name = "NotInteractiveError";
  }
}

/**
 * Runs inquirer prompts while the REPL's input is gated: the REPL's keypress listeners are detached and its
 * readline paused, so each key reaches inquirer once; afterwards the REPL gets its keys (and raw mode) back.
 * The prompts (inquirer's own packages) are imported on first use. Ctrl-C inside a prompt rejects with inquirer's ExitPromptError.
 * @example const name = await withPrompts(server, state, (ask) => ask.input("Name"))
 */
export async function withPrompts<T>(
  server: REPLServer,
  state: ReplState,
  run: (ask: Asker) => Promise<T>,
): Promise<T> {
  if (!state.interactive) throw new NotInteractiveError("this command");
  const input = server.input as NodeJS.ReadStream;
  const keypress = input.listeners("keypress") as ((...args: unknown[]) => void)[];
  input.removeAllListeners("keypress");
  server.pause();
  try {
    return await askOn(input, state.output, run);
  } finally {
    for (const listener of keypress) input.on("keypress", listener);
    if (input.isTTY) input.setRawMode(true);
    server.resume();
  }
}

/**
 * Runs inquirer prompts on the given streams (no REPL to gate: used before the REPL starts).
 * @example const choice = await askOn(process.stdin, process.stdout, (ask) => ask.select("Mode", ["a", "b"]))
 */
export async function askOn<T>(
  input: NodeJS.ReadableStream,
  output: NodeJS.WritableStream,
  run: (ask: Asker) => Promise<T>,
): Promise<T> {
  // The four prompts, imported on first use (a console that never asks never loads them).
  const [input_, password, select, confirm] = await Promise.all([
    import("@inquirer/input"),
    import("@inquirer/password"),
    import("@inquirer/select"),
    import("@inquirer/confirm"),
  ]);
  const context = { input, output };
  return run({
    input: (message, options = {}) =>
      input_.default(
        {
          message,
          ...(options.default !== undefined ? { default: options.default } : {}),
          ...(options.validate ? { validate: options.validate } : {}),
        },
        context,
      ),
    password: (message) => password.default({ message, mask: "*" }, context),
    select: (message, choices, defaultValue) =>
      select.default<string>(
        {
          message,
          choices: choices.map((c) => (typeof c === "string" ? { value: c, name: c } : c)),
          pageSize: 12,
          ...(defaultValue !== undefined ? { default: defaultValue } : {}),
        },
        context,
      ),
    confirm: (message, defaultValue = true) => confirm.default({ message, default: defaultValue }, context),
  });
}

/** True for inquirer's error when the user pressed Ctrl-C in a prompt. */
export function isPromptExit(err: unknown): boolean {
  return (err as { name?: unknown } | null)?.name === "ExitPromptError";
}
