// Runs one journalled indicator import in a child process, so that a test can kill it with SIGKILL half-way.
// Usage: node --import tsx child-import-indicators.ts <input> <journal>; credentials come from TI_* variables.
import { connect } from "../../src/connect.js";

const [input, journal] = process.argv.slice(2);
if (!input || !journal) throw new Error("usage: child-import-indicators.ts <input> <journal>");
const session = await connect();
const plan = await session.indicators.import(input, {
  action: "Block",
  title: "Feed",
  description: "From a feed",
});
await plan.apply({ confirm: true, journal, chunkSize: 20, chunkConcurrency: 1 });
await session.close();
