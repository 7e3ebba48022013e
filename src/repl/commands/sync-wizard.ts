import { rm } from "node:fs/promises";
import type { REPLServer } from "node:repl";
import {
  syncIndicators,
  SYNC_PRIORITIES,
  type IndicatorSyncPlan,
  type SyncOptions,
} from "../../bulk/index.js";
import { formatRecord, formatTable } from "../../display/index.js";
import { consoleApplier } from "../bulk/apply.js";
import { formatResult } from "../bulk/format.js";
import { withPrompts } from "../prompts.js";
import { outputWidth, type ReplState } from "../types.js";
import { indicatorsSessionOf } from "./api.js";
import { say } from "./run.js";

const required = (name: string) => (value: string) => value.trim() !== "" || `${name} is required`;

/** Dry-run rows shown before the "… N more rows" footer, as for any plan: a feed of 12,000 would fill screens. */
const TABLE_ROWS = 20;

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
 * The journal of a feed's sync by one owner, beside the feed: running `.sync` again with the same feed and owner
 * resumes from it after Ctrl-C or a crash.
 * @example syncJournal("feed.csv", "MISP feed") // "feed.csv.misp-feed.sync.jsonl"
 */
export function syncJournal(input: string, owner: string): string {
  const slug =
    owner
      .toLowerCase()
      .replace(/[^a-z0-9]+/g, "-")
      .replace(/^-|-$/g, "") || "owner";
  return `${input}.${slug}.sync.jsonl`;
}

/**
 * `.sync`: asks for the feed (a path), its owner and the priority rule over the cap, shows the dry run as a table
 * with its counts and calls, asks, and applies the same sync as the console applies any plan: a progress line,
 * Ctrl-C stops it with the partial summary, and a journal beside the feed that `.sync` of the same feed and
 * owner resumes from (removed once a sync has run to its end, so a later one starts afresh).
 */
export async function syncWizard(server: REPLServer, state: ReplState): Promise<void> {
  const session = indicatorsSessionOf(state);
  const width = outputWidth(state);
  const display = { width, color: state.color };
  const asked = await withPrompts(server, state, async (ask) => {
    const input = await ask.input("Feed file (CSV, JSON, text or STIX)", {
      validate: required("the feed file"),
    });
    const owner = await ask.input("Owner (written to application)", { validate: required("owner") });
    const priority = (await ask.select("Priority over the cap", SYNC_PRIORITIES, "severity")) as "severity";
    const options: SyncOptions = {
      owner: owner.trim(),
      priority,
      title: owner.trim(),
      description: `From ${owner.trim()}`,
    };
    const dry = await syncIndicators(session, input.trim(), { ...options, dryRun: true });
    const rows = syncRows(dry);
    if (rows.length) say(state, formatTable(rows, { ...display, maxRows: TABLE_ROWS }));
    say(state, formatRecord({ ...dry.counts, calls: dry.calls, estimate: dry.estimate }, display));
    if (rows.length === 0 || !(await ask.confirm("Apply this sync? (this writes to the service)", false)))
      return undefined;
    return { input: input.trim(), options };
  });
  if (asked === undefined) return say(state, "Nothing written.");
  const journal = syncJournal(asked.input, asked.options.owner);
  const hint = (): string =>
    `To finish: .sync again with the same feed and owner (${journal} remembers what was written, also after a restart).`;
  // Outside the prompts, so the REPL has its keys back: Ctrl-C reaches the command's signal and stops the apply.
  const sets = {
    indicators: session.indicators,
    waitedMs: () => session.waitedMs(),
    rateBudget: () => session.rateBudget(),
    applier: consoleApplier(state, hint),
  };
  const plan = await syncIndicators(sets, asked.input, asked.options);
  const result = await plan.apply({ confirm: true, journal });
  // Ctrl-C: the applier printed the partial summary and how to resume.
  if (result.stopped?.reason === "aborted") return;
  if (result.stopped) return say(state, formatResult(result, display, hint()));
  await rm(journal, { force: true });
  const { created, updated, deleted, unchanged, failed, resumed } = result;
  say(state, formatRecord({ created, updated, deleted, unchanged, failed, resumed }, display));
}
