import type { REPLServer } from "node:repl";
import { formatValue } from "../../display/index.js";
import { DOCS_ALERT_DEFINITION, DOCS_IOC } from "../../schema/index.js";
import { withPrompts } from "../prompts.js";
import { outputWidth, type ReplState } from "../types.js";
import { entitySets } from "./api.js";
import { say } from "./run.js";

// The docs' values (Python and PowerShell examples), so the run matches what the user reads.
const ALERT = DOCS_ALERT_DEFINITION;
const IOC_VALUE = DOCS_IOC.Value;

/**
 * `.walkthrough`: the five documented steps (token, session, list, create an alert definition, create an IOC),
 * each explained with its code; asks before each write and shows what came back. Leaves `a` and `ioc` in the
 * context for the user to continue with.
 */
export async function walkthrough(server: REPLServer, state: ReplState): Promise<void> {
  await withPrompts(server, state, async (ask) => {
    const { alerts, iocs } = entitySets(state);
    const show = (value: unknown): void =>
      say(state, formatValue(value, { width: outputWidth(state), color: state.color }));
    const step = async (n: number, text: string, code: string): Promise<boolean> => {
      say(state, "", `Step ${n} of 5. ${text}`, `  ${code}`);
      return ask.confirm(n >= 4 ? "Run it? (this writes to the service)" : "Continue?", true);
    };
    if (
      !(await step(
        1,
        "Get a token (client credentials). The session did this and refreshes it.",
        "session.token.expiresAt",
      ))
    )
      return;
    show({ expiresAt: state.session?.token.expiresAt ?? null });
    if (
      !(await step(
        2,
        "Every call sends Authorization: Bearer <token> and JSON headers; the session adds them.",
        "session",
      ))
    )
      return;
    if (!(await step(3, "List the alert definitions (empty at first).", "await alerts.list()"))) return;
    show(await alerts.list());
    const a = (await step(
      4,
      "Create an alert definition.",
      `const a = await alerts.create(${JSON.stringify(ALERT)})`,
    ))
      ? await alerts.create(ALERT)
      : undefined;
    if (!a) return;
    show(a);
    server.context["a"] = a;
    const iocBody = {
      Type: "Sha1",
      Value: IOC_VALUE,
      DetectionFunction: "Equals",
      Enabled: true,
      AlertDefinition: a["Id"],
    };
    const code = `const ioc = await iocs.create({ Type: "Sha1", Value: "${IOC_VALUE}", DetectionFunction: "Equals", Enabled: true, AlertDefinition: a.Id })`;
    if (!(await step(5, "Create an IOC bound to it.", code))) return;
    const ioc = await iocs.create(iocBody);
    show(ioc);
    server.context["ioc"] = ioc;
    say(state, "", "Done. `a` and `ioc` hold what was created; try: pp(await iocs.list())");
  });
}
