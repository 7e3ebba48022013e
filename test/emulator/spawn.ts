import { spawn, type ChildProcess } from "node:child_process";
import { readdirSync, statSync } from "node:fs";
import { createInterface } from "node:readline";
import { fileURLToPath } from "node:url";

const ROOT = fileURLToPath(new URL("../../", import.meta.url));
const DIST_CLI = `${ROOT}dist/bin/ti-emulator.js`;
const SRC = `${ROOT}src/emulator`;

function newestMtimeMs(dir: string): number {
  return Math.max(
    ...readdirSync(dir, { withFileTypes: true }).map((e) =>
      e.isDirectory() ? newestMtimeMs(`${dir}/${e.name}`) : statSync(`${dir}/${e.name}`).mtimeMs,
    ),
  );
}

/** The command that runs `ti-emulator`: the built bin when it is newer than the sources, else the sources via tsx. */
function command(): string[] {
  try {
    if (statSync(DIST_CLI).mtimeMs >= newestMtimeMs(SRC)) return [DIST_CLI];
  } catch {
    // No build yet.
  }
  return ["--import", "tsx", `${SRC}/cli.ts`];
}

/** A spawned `ti-emulator` and what it printed. */
export interface SpawnedCli {
  readonly child: ChildProcess;
  /** Resolves with the exit code (or the signal name). */
  readonly exited: Promise<number | string>;
  readonly stdout: string[];
  readonly stderr: string[];
  /** Resolves with the first stdout line, or rejects if the process exits first. */
  readonly firstLine: Promise<string>;
}

/**
 * Spawns `ti-emulator` with flags; the caller must kill it (tests kill in `finally`).
 * @example const cli = spawnCli(["--port", "0"]); const line = await cli.firstLine
 */
export function spawnCli(args: readonly string[]): SpawnedCli {
  const child = spawn(process.execPath, [...command(), ...args], {
    cwd: ROOT,
    stdio: ["ignore", "pipe", "pipe"],
  });
  const stdout: string[] = [];
  const stderr: string[] = [];
  // "close", not "exit": it comes after the output pipes are drained, so every line has been read.
  const exited = new Promise<number | string>((resolve) =>
    child.once("close", (code, signal) => resolve(code ?? signal ?? -1)),
  );
  createInterface({ input: child.stderr! }).on("line", (line) => stderr.push(line));
  const firstLine = new Promise<string>((resolve, reject) => {
    createInterface({ input: child.stdout! }).on("line", (line) => {
      stdout.push(line);
      if (stdout.length === 1) resolve(line);
    });
    void exited.then((code) =>
      reject(new Error(`ti-emulator exited (${code}) before printing: ${stderr.join("\n")}`)),
    );
  });
  firstLine.catch(() => undefined);
  return { child, exited, stdout, stderr, firstLine };
}

/**
 * The URL from the first line, which must be exactly `ti-emulator listening on http://127.0.0.1:<port>`.
 * @example const url = urlOf(await cli.firstLine)
 */
export function urlOf(line: string): string {
  const match = /^ti-emulator listening on (http:\/\/127\.0\.0\.1:\d+)$/.exec(line);
  if (!match?.[1]) throw new Error(`unexpected first line: ${line}`);
  return match[1];
}
