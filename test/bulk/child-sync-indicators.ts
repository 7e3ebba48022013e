// Runs one journalled indicator sync in a child process, so that a test can kill it with SIGKILL half-way.
// Usage: node --import tsx child-sync-indicators.ts <input> <journal>; credentials come from TI_* variables.
import { connect } from "../../src/connect.js";

const [input, journal] = process.argv.slice(2);
if (!input || !journal) throw new Error("usage: child-sync-indicators.ts <input> <journal>");
const session = await connect();
const plan = await session.indicators.sync(input, {
  owner: "Feed A",
  title: "Feed A",
  description: "From feed A",
});
await plan.apply({ confirm: true, journal, chunkSize: 20 });
await session.close();
