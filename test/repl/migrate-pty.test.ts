// The .migrate wizard at a terminal: source, action, generateAlert, the dry run as a table, confirm, apply and
// verify; then the same custom TI from an export file, which has nothing left to write.
import { describe, expect, it } from "vitest";
import { startPty } from "../helpers/repl.js";

const DEFINITION =
  '{ Name: "Wizard", Severity: "High", Title: "Wizard activity", UxDescription: "Seen by the wizard test", Category: "Trojan" }';
const ioc = (Type: string, Value: string, DetectionFunction = "Equals") =>
  `await iocs.create({ Type: "${Type}", Value: "${Value}", DetectionFunction: "${DetectionFunction}", AlertDefinition: d.Id })`;

describe("the .migrate wizard", () => {
  it("shows the dry run with the pairs it leaves out, applies and verifies on yes, and a second run writes nothing", async () => {
    const repl = startPty();
    try {
      await runWizardTwice(repl);
    } finally {
      repl.kill();
    }
  }, 90_000);
});

async function runWizardTwice(repl: ReturnType<typeof startPty>): Promise<void> {
  {
    await repl.ready();
    expect(await repl.send(".help")).toContain(".migrate               custom TI into the Indicators API");
    await repl.send(`const d = await alerts.create(${DEFINITION})`);
    await repl.send(ioc("DomainName", "evil.example"));
    await repl.send(ioc("IpAddress", "203.0.113.7"));
    await repl.send(ioc("DomainName", "login.evil", "StartWith"));

    let from = repl.output().length;
    repl.write(".migrate\r");
    await repl.waitFor("Migrate from", { from });
    repl.write("\r");
    await repl.waitFor("Action", { from });
    repl.write("\r");
    await repl.waitFor("generateAlert", { from });
    repl.write("\r");
    await repl.waitFor("Apply this migration?", { from });
    const table = repl.output().slice(from);
    expect(table).toMatch(/Action +Line +Type +Value +Note\n/);
    expect(table).toMatch(/create +1 +DomainName +evil\.example\n/);
    expect(table).toMatch(/create +2 +IpAddress +203\.0\.113\.7\n/);
    expect(table).toMatch(
      /Not migrated:\nLine +Value +Reason\n +3 +login\.evil +DetectionFunction: "StartWith" has no/,
    );
    expect(table).toMatch(/create +2\n/);
    expect(table).toMatch(/rejected +1\n/);
    expect(table).toContain("calls       import: 1");
    repl.write("y\r");
    const applied = await repl.waitFor(/Verified: [^\n]*\n[\s\S]*ti\([^)\n]*\)> $/, { from });
    expect(applied).toMatch(/created +2\n/);
    expect(applied).toContain("Verified: 2 planned indicators listed by the service, 0 missing.");

    await repl.send('await iocs.export("custom-ti.csv", { definitions: true })');
    from = repl.output().length;
    repl.write(".migrate\r");
    await repl.waitFor("Migrate from", { from });
    repl.write("\x1b[B\r");
    await repl.waitFor("Export file", { from });
    repl.write("custom-ti.csv\r");
    await repl.waitFor("Action", { from });
    repl.write("\r");
    await repl.waitFor("generateAlert", { from });
    repl.write("\r");
    const again = await repl.waitFor(/Nothing written\.[\s\S]*ti\([^)\n]*\)> $/, { from });
    expect(again).toMatch(/unchanged +2\n/);
    expect(again).not.toContain("Apply this migration?");
  }
}
