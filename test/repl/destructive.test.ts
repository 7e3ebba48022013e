import { describe, expect, it } from "vitest";
import { runPiped, startPty } from "../helpers/repl.js";

const SETUP = [
  `const a = await alerts.create({ Name: "n", Severity: "Low", Title: "t", UxDescription: "u", Category: "Trojan" })`,
  `await iocs.create({ Type: "Sha1", Value: "dead1111eeaabbccddeeaabbccddee11ffffffff", DetectionFunction: "Equals", AlertDefinition: a.Id })`,
  `await iocs.create({ Type: "Md5", Value: "0123456789abcdef0123456789abcdef", DetectionFunction: "Equals", AlertDefinition: a.Id })`,
];

describe("destructive calls without a terminal", () => {
  it("refuse delete, deleteIocs and disable without confirm: true, sending nothing, and run with it", async () => {
    const input = [
      ...SETUP,
      "await alerts.delete(a.Id)",
      "await alerts.deleteIocs(a.Id)",
      "await iocs.disable(1)",
      "[await alerts.count(), await iocs.count(), (await iocs.get(1)).Enabled].join()",
      "await alerts.delete(a.Id, { confirm: true })",
      "[await alerts.count(), await iocs.count()].join()",
      "",
    ].join("\n");
    const { stdout, stderr, code } = await runPiped([], { input });
    const errors = stderr.trim().split("\n");
    expect(errors).toHaveLength(3);
    expect(errors[0]).toMatch(
      /^ConfirmationRequired: Delete alert definition 1 and its 2 IOCs\? This cannot be undone\. There is no terminal to ask on .*call alerts\.delete\(1, \{ confirm: true \}\)\. Nothing was deleted\.$/,
    );
    expect(errors[1]).toMatch(
      /^ConfirmationRequired: Delete the 2 IOCs of alert definition 1 \(the definition stays\)\? /,
    );
    expect(errors[2]).toMatch(/^ConfirmationRequired: Disable IOC 1\? .*Nothing was changed\.$/);
    const lines = stdout.trimEnd().split("\n");
    expect(lines.at(-2)).toBe("'1,2,true'");
    expect(lines.at(-1)).toBe("'0,0'");
    expect(code).toBe(1);
  });
});

describe("destructive calls on what does not exist", () => {
  it("fail with the service's 404 instead of asking about an alert definition or IOC that is not there", async () => {
    const input = ["await alerts.delete(77)", "await alerts.deleteIocs(77)", "await iocs.disable(78)", ""];
    const { stderr, code } = await runPiped([], { input: input.join("\n") });
    const errors = stderr.trim().split("\n");
    expect(errors).toHaveLength(3);
    expect(errors[0]).toMatch(/^Error 404 ResourceNotFound: AlertDefinitions\(77\) does not exist/);
    expect(errors[1]).toMatch(/^Error 404 ResourceNotFound: AlertDefinitions\(77\) does not exist/);
    expect(errors[2]).toMatch(/^Error 404 ResourceNotFound: IndicatorsOfCompromise\(78\) does not exist/);
    expect(code).toBe(1);
  });
});

describe("destructive calls through the preloaded session", () => {
  it("refuse session.alerts.delete and session.iocs.disable without confirm: true, as alerts.delete does", async () => {
    const input = [
      ...SETUP,
      "await session.alerts.delete(a.Id)",
      "await session.iocs.disable(1)",
      "[await session.alerts.count(), await iocs.count(), (await iocs.get(1)).Enabled].join()",
      "",
    ].join("\n");
    const { stdout, stderr } = await runPiped([], { input });
    const errors = stderr.trim().split("\n");
    expect(errors[0]).toMatch(/^ConfirmationRequired: Delete alert definition 1 and its 2 IOCs\? /);
    expect(errors[1]).toMatch(/^ConfirmationRequired: Disable IOC 1\? /);
    expect(stdout.trimEnd().split("\n").at(-1)).toBe("'1,2,true'");
  });
});

describe("destructive calls at the prompt", () => {
  it("ask first, saying what goes; No (the default) keeps everything, yes deletes", async () => {
    const repl = startPty();
    await repl.ready();
    for (const line of SETUP) await repl.send(line);
    let from = repl.output().length;
    repl.write("await alerts.delete(a.Id)\r");
    await repl.waitFor("Delete alert definition 1 and its 2 IOCs? This cannot be undone. (y/N)", { from });
    repl.write("\r");
    await repl.waitFor(/Nothing was deleted\.\n[\s\S]*ti\([^)\n]*\)> $/, { from });
    expect(await repl.send("await alerts.count()")).toMatch(/^\s*1\s*$/m);
    from = repl.output().length;
    repl.write("await alerts.delete(a.Id)\r");
    await repl.waitFor("(y/N)", { from });
    repl.write("y\r");
    await repl.waitFor(/\(y\/N\) y[\s\S]*ti\([^)\n]*\)> $/, { from });
    expect(await repl.send("[await alerts.count(), await iocs.count()].join()")).toContain("'0,0'");
    repl.kill();
  }, 90_000);
});
