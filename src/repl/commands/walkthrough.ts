import type { REPLServer } from "node:repl";
import { runInThisContext } from "node:vm";
import { formatRecord, formatValue } from "../../display/index.js";
import { DOCS_ALERT_DEFINITION, DOCS_IOC } from "../../schema/index.js";
import { withPrompts } from "../prompts.js";
import { outputWidth, type ReplState } from "../types.js";
import { entitySets } from "./api.js";
import { say } from "./run.js";

// The docs' values (Python and PowerShell examples), so the run matches what the user reads.
const ALERT = DOCS_ALERT_DEFINITION;
const IOC_VALUE = DOCS_IOC.Value;

/**
 * The first of `base`, `base2`, `base3`… that names nothing in the console's (the global) context. A name the
 * user declared (`const a`) is a lexical binding the walkthrough cannot replace, so it never reuses one.
 * @example freeName("a") // "a2" after `const a = …`
 */
export function freeName(base: string): string {
  for (let n = 1; ; n++) {
    const name = n === 1 ? base : `${base}${n}`;
    try {
      runInThisContext(name);
    } catch (err) {
      if ((err as { name?: unknown }).name === "ReferenceError") return name;
      throw err;
    }
  }
}

/**
 * `.walkthrough`: the five documented steps (token, session, list, create an alert definition, create an IOC),
 * each explained with its code; asks before each write and shows what came back. What it creates it leaves in
 * names that were free (`a` and `ioc`, or `a2`… when those are taken) and says which; declining a step says so.
 */
export async function walkthrough(server: REPLServer, state: ReplState): Promise<void> {
  const made: string[] = [];
  const stoppedAt = await withPrompts(server, state, async (ask) => {
    const { alerts, iocs } = entitySets(state);
    const show = (value: unknown): void =>
      say(state, formatValue(value, { width: outputWidth(state), color: state.color }));
    const step = async (n: number, text: string, code: string): Promise<boolean> => {
      say(state, "", `Step ${n} of 5. ${text}`, `  ${code}`);
      return ask.confirm(n >= 4 ? "Run it? (this writes to the service)" : "Continue?", true);
    };
    const keep = (name: string, value: { readonly Id: number }, what: string): void => {
      server.context[name] = value;
      made.push(`\`${name}\` holds ${what} ${value.Id}`);
    };
    if (
      !(await step(
        1,
        "Get a token (client credentials). The session did this and refreshes it.",
        "session.token.expiresAt",
      ))
    )
      return 1;
    show({ expiresAt: state.session?.token.expiresAt ?? null });
    if (!(await step(2, "Every call sends the token and JSON headers; the session adds them.", "session")))
      return 2;
    // What each request carries, the token itself hidden: the headers the session's transport sets.
    const headers = {
      Authorization: "Bearer <token> (never shown)",
      Accept: "application/json",
      "Content-Type": "application/json (with a body)",
    };
    say(state, formatRecord(headers, { width: outputWidth(state), color: state.color }));
    if (!(await step(3, "List the alert definitions (empty at first).", "await alerts.list()"))) return 3;
    show(await alerts.list());
    const alertName = freeName("a");
    const code4 = `const ${alertName} = await alerts.create(${JSON.stringify(ALERT)})`;
    if (!(await step(4, "Create an alert definition.", code4))) return 4;
    const a = await alerts.create(ALERT);
    show(a);
    keep(alertName, a, "the alert definition");
    const iocName = freeName("ioc");
    const code5 = `const ${iocName} = await iocs.create({ Type: "Sha1", Value: "${IOC_VALUE}", DetectionFunction: "Equals", Enabled: true, AlertDefinition: ${alertName}.Id })`;
    if (!(await step(5, "Create an IOC bound to it.", code5))) return 5;
    const ioc = await iocs.create({
      Type: "Sha1",
      Value: IOC_VALUE,
      DetectionFunction: "Equals",
      Enabled: true,
      AlertDefinition: a["Id"],
    });
    show(ioc);
    keep(iocName, ioc, "the IOC");
    return undefined;
  });
  const held = made.length > 0 ? ` ${made.join(", ")}.` : "";
  if (stoppedAt !== undefined)
    return say(
      state,
      "",
      `Stopped before step ${stoppedAt} of 5: step ${stoppedAt} and later were not run.${held}`,
    );
  say(state, "", `Done.${held} Try: pp(await iocs.list())`);
}
