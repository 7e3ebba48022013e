import { Recoverable, start, type REPLEval, type REPLServer } from "node:repl";
import { promptText } from "./banner.js";
import { defineCommands, commandNames } from "./commands/index.js";
import { complete } from "./completion.js";
import { installContext } from "./context.js";
import { cancelledByUser, consoleEval, type RawModeInput } from "./evaluate.js";
import { setupHistory, type ConsoleHistory } from "./history.js";
import { isPagerEntry } from "./pager.js";
import type { ReplState } from "./types.js";
import { makeWriter } from "./writer.js";

/** Where the console reads and writes. */
export interface ConsoleIo {
  readonly input: NodeJS.ReadableStream;
  /** Treat the streams as a terminal (line editing, completion, colours). */
  readonly terminal: boolean;
  /** History file; none for scripts, --eval and pipes. */
  readonly historyFile?: string;
}

/**
 * The console's REPL: Node's REPL (top-level await kept) with the session preloaded, results through the
 * pretty-printer, safe completion, one-line errors, Ctrl-C that aborts the call in flight, and our commands.
 * Returns the server and the function that fills the context (again) once the session is connected.
 * @example const { server, refill } = createConsole(state, { input: process.stdin, terminal: true })
 */
export function createConsole(
  state: ReplState,
  io: ConsoleIo,
): { server: REPLServer; refill: () => void; historyLoaded: Promise<void> } {
  let history: ConsoleHistory | undefined;
  const evaluate = consoleEval(state, io.input as RawModeInput);
  // An entry recalled from history runs as the user typed it; once evaluated (not unfinished) it is saved.
  const evalEntry: REPLEval = function (this: REPLServer, code, context, file, cb) {
    const entry = history ? history.entry(code) : code;
    // mongosh's `it`: the next page of the last list.
    const run = isPagerEntry(entry) ? "await it()\n" : entry;
    evaluate.call(this, run, context, file, (err, value) => {
      if (!(err instanceof Recoverable)) history?.done(entry);
      cb(err, value);
    });
  };
  const server: REPLServer = start({
    prompt: io.terminal ? promptText(state) : "",
    input: io.input,
    output: state.output,
    terminal: io.terminal,
    useColors: state.color,
    // Node's preview evaluates as you type; completion and evaluation are ours alone.
    preview: false,
    // The process's global context, as a bare `node` REPL has it: a context of its own costs 25-37 ms before
    // the first prompt on Node 22 and later (copying the globals loads the lazy ones), 3 ms on Node 20.
    useGlobal: true,
    ignoreUndefined: true,
    eval: evalEntry,
    writer: makeWriter(state),
    completer: (line: string, cb: (err: null, result: [string[], string]) => void) =>
      cb(null, complete(line, server.context, commandNames(server))),
  });
  // Ctrl-C while an evaluation runs aborts its signal: the call in flight stops and the prompt comes back.
  server.on("SIGINT", () => state.controller?.abort(cancelledByUser()));
  state.server = server;
  const fill = installContext(server, state);
  // Connecting and .login change where the console is: the prompt says so from then on.
  const refill = (): void => {
    fill();
    if (io.terminal) server.setPrompt(promptText(state));
  };
  defineCommands(server, state, refill);
  if (io.historyFile !== undefined)
    history = setupHistory(server, io.historyFile, { secrets: () => state.secrets });
  // The history file is read before the first line; kept a promise so "Connected" still waits on it.
  return { server, refill, historyLoaded: Promise.resolve() };
}
