import type { Writable } from "node:stream";
import type { BulkResult, Progress } from "../../bulk/index.js";
import { duration } from "./describe.js";

const BAR_WIDTH = 16;

/**
 * One line of progress: a bar, done of total, failed, skipped, rate, ETA and time waiting on 429.
 * @example progressText("Importing", p) // "Importing ████░░░░ 1,200/4,983 24% · 0 failed · 0 skipped · 850/s · ETA 4.4 s"
 */
export function progressText(verb: string, p: Progress): string {
  if (p.total === 0 && p.done === 0) return `${verb}: starting…`;
  // Skipped rows were never sent (a stop left them): counted as finished, a full quota's last line read 100%.
  const finished = p.done + p.failed;
  const ratio = p.total > 0 ? Math.min(1, finished / p.total) : 1;
  const filled = Math.round(ratio * BAR_WIDTH);
  const bar = `${"█".repeat(filled)}${"░".repeat(BAR_WIDTH - filled)}`;
  const parts = [
    `${p.done.toLocaleString("en-US")}/${p.total.toLocaleString("en-US")} ${Math.floor(ratio * 100)}%`,
    `${p.failed.toLocaleString("en-US")} failed`,
    `${p.skipped.toLocaleString("en-US")} skipped`,
    `${Math.round(p.ratePerSecond).toLocaleString("en-US")}/s`,
  ];
  if (p.etaMs !== undefined && finished < p.total) parts.push(`ETA ${duration(p.etaMs)}`);
  if (p.waitingMs > 0) parts.push(`waited ${duration(p.waitingMs)} on 429`);
  return `${verb} ${bar} ${parts.join(" · ")}`;
}

/** A live progress line; `end` (once; later calls do nothing) leaves a last line saying how it went. */
export interface ProgressLine {
  update(progress: Progress): void;
  end(result: BulkResult | undefined): void;
}

/**
 * Starts an ora spinner on `output` showing progress (a terminal only: the caller decides). ora is imported
 * here, on first use, to keep start-up fast.
 * @example const line = await startProgressLine(state.output, "Importing"); line.update(p); line.end(result)
 */
export async function startProgressLine(output: Writable, verb: string): Promise<ProgressLine> {
  const { default: ora } = await import("ora");
  const spinner = ora({
    text: `${verb}: starting…  (Ctrl-C stops)`,
    stream: output as NodeJS.WritableStream,
    color: "cyan",
    isEnabled: true,
    // The REPL owns stdin (and buffers keys while the edit runs, Ctrl-C aside): ora must not touch it.
    discardStdin: false,
    hideCursor: false,
  }).start();
  let last: Progress | undefined;
  let ended = false;
  return {
    update(progress) {
      if (ended) return;
      last = progress;
      spinner.text = `${progressText(verb, progress)}  (Ctrl-C stops)`;
    },
    end(result) {
      if (ended) return;
      ended = true;
      if (!result || !last) return void spinner.stop();
      const text = progressText(verb, { ...last, etaMs: undefined });
      const ok = !result.stopped && result.failed === 0;
      if (ok) spinner.succeed(`${text} · ${duration(result.durationMs)}`);
      else spinner.warn(`${text} · ${duration(result.durationMs)}`);
    },
  };
}
