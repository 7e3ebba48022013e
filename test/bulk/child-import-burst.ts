// Runs one journalled indicator import in a child process under a scaled rate budget with a given chunk size, so
// that a test can kill it with SIGKILL right after a burst of import calls. Usage:
// node --import tsx child-import-burst.ts <input> <journal> <scale> <chunkSize>; credentials come from TI_*.
import { connect } from "../../src/connect.js";

const [input, journal, scale, chunkSize] = process.argv.slice(2);
if (!input || !journal || !scale || !chunkSize)
  throw new Error("usage: child-import-burst.ts <input> <journal> <scale> <chunkSize>");
const session = await connect({
  rateBudgetScale: Number(scale),
  // Fast retries: the emulator is on loopback.
  retry: { baseDelayMs: 20, maxDelayMs: 400 },
});
const plan = await session.indicators.import(input, {
  action: "Block",
  title: "Feed",
  description: "From a feed",
});
await plan.apply({ confirm: true, journal, chunkSize: Number(chunkSize) });
await session.close();
