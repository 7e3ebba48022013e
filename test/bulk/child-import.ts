// Runs one journalled import in a child process, so that a test can kill it with SIGKILL half-way.
// Usage: node --import tsx child-import.ts <input> <alertId> <journal>; credentials come from TI_* variables.
import { importIocs } from "../../src/bulk/index.js";
import { connect } from "../../src/connect.js";

const [input, alert, journal] = process.argv.slice(2);
if (!input || !alert || !journal) throw new Error("usage: child-import.ts <input> <alertId> <journal>");
const session = await connect();
const plan = await importIocs(session, input, { alert: Number(alert) });
await plan.apply({ confirm: true, journal, chunkSize: 50, chunkConcurrency: 1 });
await session.close();
