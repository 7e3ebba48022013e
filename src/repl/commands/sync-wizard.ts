import type { REPLServer } from "node:repl";
import { syncIndicators, SYNC_PRIORITIES, type IndicatorSyncPlan } from "../../bulk/index.js";
import { formatRecord, formatTable } from "../../display/index.js";
import { withPrompts } from "../prompts.js";
import { outputWidth, type ReplState } from "../types.js";
import { indicatorsOf } from "./api.js";
import { say } from "./run.js";

const required = (name: string) => (value: string) => value.trim() !== "" || `${name} is required`;

/** The dry run as table rows: what the sync creates, updates, deletes, leaves alone or out, and refuses. */
function syncRows(plan: IndicatorSyncPlan): Record<string, unknown>[] {
  const row = (Action: string, Line: number | string, What: string, Reason = "") => ({
    Action,
    Line,
    What,
    Reason,
  });
  return [
    ...plan.sync.delete.map((d) => row("delete", "", d.key, `id ${d.id}: no longer in the input`)),
    ...plan.create.map((c) => row("create", c.line, c.key, c.note)),
    ...plan.update.map((u) => row("update", u.line, u.key, `differs: ${JSON.stringify(u.patch)}`)),
    ...plan.sync.leftAlone.map((a) => row("left alone", a.line, a.key, a.reason)),
    ...plan.sync.cap.leftOut.map((c) =>
      row("left out", c.line, c.key, `over the cap of ${plan.sync.cap.limit}`),
    ),
    ...plan.rejected.map((r) => row("rejected", r.line, "", r.reason)),
  ];
}

/**
 * `.sync`: asks for the feed (a path), its owner and the priority rule over the cap, shows the dry run as a table
 * with its counts and calls, asks, and applies the same sync.
 */
export async function syncWizard(server: REPLServer, state: ReplState): Promise<void> {
  const sets = { indicators: indicatorsOf(state) };
  const width = outputWidth(state);
  const result = await withPrompts(server, state, async (ask) => {
    const input = await ask.input("Feed file (CSV, JSON, text or STIX)", {
      validate: required("the feed file"),
    });
    const owner = await ask.input("Owner (written to application)", { validate: required("owner") });
    const priority = (await ask.select("Priority over the cap", SYNC_PRIORITIES, "severity")) as "severity";
    const options = {
      owner: owner.trim(),
      priority,
      title: owner.trim(),
      description: `From ${owner.trim()}`,
    };
    const dry = await syncIndicators(sets, input.trim(), { ...options, dryRun: true });
    const rows = syncRows(dry);
    if (rows.length) say(state, formatTable(rows, { width, color: state.color }));
    say(
      state,
      formatRecord(
        { ...dry.counts, calls: dry.calls, estimate: dry.estimate },
        { width, color: state.color },
      ),
    );
    if (rows.length === 0 || !(await ask.confirm("Apply this sync? (this writes to the service)", false)))
      return undefined;
    return (await syncIndicators(sets, input.trim(), options)).apply({ confirm: true });
  });
  if (result === undefined) return say(state, "Nothing written.");
  const { created, updated, deleted, unchanged, failed } = result;
  say(state, formatRecord({ created, updated, deleted, unchanged, failed }, { width, color: state.color }));
}
