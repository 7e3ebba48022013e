// Runs one journalled indicator import in a child process under a scaled rate budget, so that a test can kill
// it with SIGKILL half-way. Usage: node --import tsx child-import-limited.ts <input> <journal> <scale>;
// credentials come from TI_* variables. Apply options are a user's defaults: 500 per import call, 2 in flight.
import { connect } from "../../src/connect.js";

const [input, journal, scale] = process.argv.slice(2);
if (!input || !journal || !scale) throw new Error("usage: child-import-limited.ts <input> <journal> <scale>");
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
await plan.apply({ confirm: true, journal });
await session.close();
