import type { REPLServer } from "node:repl";
import type { Writable } from "node:stream";
import type { ConnectedSession } from "../session.js";
import type { RunningEmulator } from "./embedded.js";
import type { ReplConfig } from "./config.js";
import type { Pager } from "./pager.js";

/** How results are printed: `.format table|json|csv`. */
export const FORMATS = ["table", "json", "csv"] as const;
/** One of {@link FORMATS}. */
export type Format = (typeof FORMATS)[number];

/** Everything one console run shares between its parts. Mutable on purpose: commands change it. */
export interface ReplState {
  config: ReplConfig;
  /** The connected session (typed sets with their bulk edits); undefined until connected. */
  session: ConnectedSession | undefined;
  /** The console's REPL once it is made: plans' confirmations gate its input, results print above its prompt. */
  server: REPLServer | undefined;
  /**
   * On the embedded emulator, the second session, speaking its Indicators API (`session` speaks custom TI there);
   * undefined on a tenant, where `session` speaks the one service configured.
   */
  indicatorsSession: ConnectedSession | undefined;
  /** The embedded emulator, when the console started one. */
  emulator: RunningEmulator | undefined;
  format: Format;
  /** Colour on (a TTY with colours, NO_COLOR unset). */
  color: boolean;
  /** Prompts, spinners and the banner are for people at a terminal; pipes get none. */
  interactive: boolean;
  output: Writable & { columns?: number };
  /** Where error lines go: the output at a terminal, stderr otherwise (so piped stdout stays clean). */
  errors: Writable;
  /** The code of the last evaluation, so the forgotten-await hint can name it. */
  lastEntry: string;
  /** The last error an evaluation threw, for `.stack`. */
  lastError: unknown;
  /** Aborts the evaluation in flight (Ctrl-C). */
  controller: AbortController | undefined;
  /** Set when an evaluation failed (the exit code of --eval, scripts and piped input). */
  failed: boolean;
  /** Settles when the session is connected and the start-up file ran (or connecting failed); evaluations and
   * commands wait for it. */
  connecting: Promise<void>;
  /** True once a session is connected; before that `session` is a stand-in and the context has no names. */
  connected: boolean;
  /** Set while `.verbose` is on: stops printing the session's requests. */
  verbose: (() => void) | undefined;
  /** The script being run (`ti-console triage.js`): no value is printed there, so `pp`, `table`, `json` and `csv`
   * print what they return; errors name their place in it. */
  script: string | undefined;
  /** The pages still to come of the last list awaited, for `it` and `more`. */
  pager: Pager | undefined;
  /** Values that must never reach the history file (the client secret, also after `.login`). */
  secrets: Set<string>;
}

/**
 * The output's width in columns; Infinity when it is not a terminal: a pipe or a file gets every value whole.
 * @example outputWidth({ output: process.stdout }) // 80 in an 80-column terminal
 */
export function outputWidth(state: Pick<ReplState, "output">): number {
  return state.output.columns && state.output.columns > 0 ? state.output.columns : Infinity;
}
