// The one place the console starts the embedded emulator. Imported lazily, so a session against the real
// service never loads the emulator's code.
import type { RunningEmulator } from "../emulator/index.js";

export type { RunningEmulator };

/**
 * Starts the emulator in this process on a free loopback port, quietly (its request log would interleave
 * with the prompt).
 * @example const emu = await startEmbeddedEmulator(); emu.apiUrl // "http://127.0.0.1:41234/V1.0"
 */
export async function startEmbeddedEmulator(): Promise<RunningEmulator> {
  const { startEmulator } = await import("../emulator/index.js");
  return startEmulator({ host: "127.0.0.1", port: 0, quiet: true });
}
