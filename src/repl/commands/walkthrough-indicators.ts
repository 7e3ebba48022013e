import type { REPLServer } from "node:repl";
import { formatRecord, formatValue } from "../../display/index.js";
import type { ImportIndicatorResult, Indicator, IndicatorInput } from "../../schema/index.js";
import { withPrompts } from "../prompts.js";
import { outputWidth, type ReplState } from "../types.js";
import { indicatorsOf, indicatorsSessionName } from "./api.js";
import { say } from "./run.js";
import { freeName } from "./walkthrough.js";

/** A date a year from now at midnight UTC: the docs' samples expire on a date, and a past one is refused. */
function nextYear(): string {
  const day = new Date(Date.now() + 365 * 86_400_000).toISOString().slice(0, 10);
  return `${day}T00:00:00Z`;
}

/** The submit sample of the docs (D2), with today's action for its legacy `AlertAndBlock`. */
function submitSample(expirationTime: string): IndicatorInput {
  return {
    indicatorValue: "220e7d15b011d7fac48f2bd61114db1022197f7f",
    indicatorType: "FileSha1",
    title: "test",
    application: "demo-test",
    expirationTime,
    action: "BlockAndRemediate",
    severity: "Informational",
    description: "test",
    recommendedActions: "nothing",
    rbacGroupNames: ["group1", "group2"],
  };
}

/** The import sample of the docs (D3), its legacy `Alert` as Audit with generateAlert. */
function importSample(expirationTime: string): IndicatorInput[] {
  const common = {
    expirationTime,
    action: "Audit" as const,
    generateAlert: true,
    recommendedActions: "nothing",
  };
  return [
    {
      ...common,
      indicatorValue: "220e7d15b011d7fac48f2bd61114db1022197f7f",
      indicatorType: "FileSha1",
      title: "demo",
      application: "demo-test",
      severity: "Informational",
      description: "demo",
      rbacGroupNames: ["group1", "group2"],
    },
    {
      ...common,
      indicatorValue: "2233223322332233223322332233223322332233223322332233223322332222",
      indicatorType: "FileSha256",
      title: "demo2",
      application: "demo-test2",
      severity: "Medium",
      description: "demo2",
      rbacGroupNames: [],
    },
  ];
}

/**
 * `.walkthrough indicators`: the Indicators API's documented hello world in five steps (a token with a scope,
 * submit, list with a filter, import, batch delete), each explained with its code; asks before each write. What
 * it makes it leaves in free names (`ind` and `imported`, or `ind2`…) and says which.
 */
export async function walkthroughIndicators(server: REPLServer, state: ReplState): Promise<void> {
  const indicators = indicatorsOf(state);
  const sessionName = indicatorsSessionName(state);
  const made: string[] = [];
  const stoppedAt = await withPrompts(server, state, async (ask) => {
    const show = (value: unknown): void =>
      say(state, formatValue(value, { width: outputWidth(state), color: state.color }));
    const step = async (n: number, text: string, code: string, writes: boolean): Promise<boolean> => {
      say(state, "", `Step ${n} of 5. ${text}`, `  ${code}`);
      return ask.confirm(writes ? "Run it? (this writes to the service)" : "Continue?", true);
    };
    const keep = (name: string, value: unknown, what: string): void => {
      server.context[name] = value;
      made.push(`\`${name}\` holds ${what}`);
    };
    const session = state.indicatorsSession ?? state.session;
    const resource = session?.config.resource ?? "";
    const token = /\/oauth2\/v2\.0\/token/.test(session?.config.authUrl ?? "")
      ? `Get a token with scope ${resource}/.default (the v2.0 token URL). The session did this and refreshes it.`
      : `Get a token for resource ${resource} (a v1 token URL; v2.0 asks for a scope). The session did this.`;
    if (!(await step(1, token, `${sessionName}.token.claims()`, false))) return 1;
    const claims = session?.token.claims() ?? {};
    const roles = claims["roles"];
    const seen = { aud: claims["aud"], roles: Array.isArray(roles) ? roles.join(", ") : roles };
    say(
      state,
      formatRecord(
        { ...seen, expiresAt: session?.token.expiresAt ?? null },
        { width: outputWidth(state), color: state.color },
      ),
    );
    const expiry = nextYear();
    const indName = freeName("ind");
    const body = submitSample(expiry);
    const code2 = `const ${indName} = await indicators.submit(${JSON.stringify(body)})`;
    if (!(await step(2, "Submit an indicator (200 with the entity; re-sending it updates it).", code2, true)))
      return 2;
    const ind: Indicator = await indicators.submit(body);
    keep(indName, ind, `the submitted indicator ${ind.id}`);
    show(ind);
    const filter = "indicatorType eq 'FileSha1'";
    if (!(await step(3, "List with a filter.", `await indicators.list({ filter: "${filter}" })`, false)))
      return 3;
    show(await indicators.list({ filter }));
    const importedName = freeName("imported");
    const items = importSample(expiry);
    const code4 = `const ${importedName} = await indicators.import(${JSON.stringify(items)})`;
    if (!(await step(4, "Import several at once (per-item results, 500 per call).", code4, true))) return 4;
    const results: ImportIndicatorResult[] = await indicators.import(items);
    keep(importedName, results, `the import's ${results.length} results`);
    show(results);
    const ids = `[${indName}.id, ...${importedName}.filter((r) => !r.isFailed).map((r) => r.id)]`;
    if (!(await step(5, "Delete them all with BatchDelete.", `await indicators.batchDelete(${ids})`, true)))
      return 5;
    const landed = results.filter((r) => !r.isFailed && r.id !== null).map((r) => r.id as string);
    await indicators.batchDelete([ind.id, ...landed]);
    show(await indicators.list({ filter }));
    return undefined;
  });
  const held = made.length > 0 ? ` ${made.join(", ")}` : "";
  if (stoppedAt !== undefined)
    return say(
      state,
      "",
      `Stopped before step ${stoppedAt} of 5: step ${stoppedAt} and later were not run.${held}${held ? "." : ""}`,
    );
  say(state, "", `Done.${held}; step 5 deleted all three. Try: pp(await indicators.list())`);
}
