import type { REPLServer } from "node:repl";
import { migrate, type MigrationPlan, type MigrationSource } from "../../bulk/index.js";
import { formatRecord, formatTable } from "../../display/index.js";
import { INDICATOR_ACTIONS, type IndicatorAction } from "../../schema/index.js";
import { withPrompts, type Asker } from "../prompts.js";
import { outputWidth, type ReplState } from "../types.js";
import { entitySets, indicatorsOf } from "./api.js";
import { say } from "./run.js";

const SESSION = "this session's custom TI";
const FILE = "an export file (iocs.export(path, { definitions: true }))";

// An indicator's key is [value, type, action] (Part 5's upsert key): the table shows its type and value.
function typeValue(key: string): { Type: string; Value: string } {
  const [value, type] = JSON.parse(key) as [string, string];
  return { Type: type, Value: value };
}

/** The dry run as table rows: what the migration creates, updates or finds twice. */
function migrationRows(plan: MigrationPlan): Record<string, unknown>[] {
  const row = (Action: string, Line: number, key: string, Note = "") => ({
    Action,
    Line,
    ...typeValue(key),
    Note,
  });
  return [
    ...plan.create.map((c) => row("create", c.line, c.key, c.note)),
    ...plan.update.map((u) => row("update", u.line, u.key, `differs: ${JSON.stringify(u.patch)}`)),
    ...plan.duplicates.map((d) => row("duplicate", d.line, d.key, `as line ${d.duplicateOf}`)),
  ].sort((a, b) => a.Line - b.Line);
}

/** The pairs not migrated, each with its reason (a table of their own: reasons are long and never cut). */
function notMigratedRows(plan: MigrationPlan): Record<string, unknown>[] {
  return plan.rejected.map((r) => ({ Line: r.line, Value: r.pair?.value ?? "", Reason: r.reason }));
}

async function askSource(ask: Asker, state: ReplState): Promise<MigrationSource> {
  const speaksCustomTi = state.session?.service === "custom-ti";
  const from = speaksCustomTi ? await ask.select("Migrate from", [SESSION, FILE], SESSION) : FILE;
  if (from === SESSION) return entitySets(state);
  const path = await ask.input("Export file (CSV or JSON with the definitions)", {
    validate: (value) => value.trim() !== "" || "the export file is required",
  });
  return path.trim();
}

/**
 * `.migrate`: asks for the source (this session's custom TI or an export file), the action and generateAlert,
 * shows the dry run as a table with its counts and the pairs it does not migrate, asks, applies the same
 * migration and verifies what landed.
 */
export async function migrateWizard(server: REPLServer, state: ReplState): Promise<void> {
  const to = indicatorsOf(state);
  const shown = { width: outputWidth(state), color: state.color };
  const outcome = await withPrompts(server, state, async (ask) => {
    const source = await askSource(ask, state);
    const action = (await ask.select("Action", INDICATOR_ACTIONS, "Audit")) as IndicatorAction;
    const generateAlert = await ask.confirm("generateAlert (raise an alert on a match)", true);
    const options = { to, action, generateAlert };
    const dry = await migrate(source, { ...options, dryRun: true });
    const rows = migrationRows(dry);
    if (rows.length) say(state, formatTable(rows, shown));
    if (dry.rejected.length) say(state, `Not migrated:\n${formatTable(notMigratedRows(dry), shown)}`);
    say(state, formatRecord({ ...dry.counts, calls: dry.calls, estimate: dry.estimate }, shown));
    const writes = dry.counts.create + dry.counts.update;
    if (writes === 0 || !(await ask.confirm("Apply this migration? (this writes to the service)", false)))
      return undefined;
    const plan = await migrate(source, options);
    const result = await plan.apply({ confirm: true });
    return { result, check: await plan.verify() };
  });
  if (outcome === undefined) return say(state, "Nothing written.");
  const { created, updated, unchanged, rejected, failed } = outcome.result;
  say(state, formatRecord({ created, updated, unchanged, rejected, failed }, shown));
  const { landed, missing } = outcome.check;
  say(
    state,
    `Verified: ${landed.length} planned indicators listed by the service, ${missing.length} missing.`,
  );
}
