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
 * inquirer is imported on first use. Ctrl-C inside a prompt rejects with inquirer's ExitPromptError.
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
  const { createPromptModule } = await import("inquirer");
  const prompt = createPromptModule({ input, output });
  return run(makeAsker(prompt as unknown as PromptFn));
}

type PromptFn = (questions: readonly Record<string, unknown>[]) => Promise<Record<string, unknown>>;

function makeAsker(prompt: PromptFn): Asker {
  const one = async (question: Record<string, unknown>): Promise<unknown> =>
    (await prompt([{ ...question, name: "answer" }]))["answer"];
  return {
    input: async (message, options = {}) =>
      String(await one({ type: "input", message, default: options.default, validate: options.validate })),
    password: async (message) => String(await one({ type: "password", message, mask: "*" })),
    select: async (message, choices, defaultValue) =>
      String(await one({ type: "select", message, choices, default: defaultValue, pageSize: 12 })),
    confirm: async (message, defaultValue = true) =>
      Boolean(await one({ type: "confirm", message, default: defaultValue })),
  };
}

/** True for inquirer's error when the user pressed Ctrl-C in a prompt. */
export function isPromptExit(err: unknown): boolean {
  return (err as { name?: unknown } | null)?.name === "ExitPromptError";
}
