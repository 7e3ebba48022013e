import { describe, expect, it } from "vitest";
import { startTestEmulator } from "../helpers/emulator.js";
import { caller, definitionBody, iocBody } from "./support.js";

const emu = await startTestEmulator({ quiet: true });
const call = caller(emu);
const sha1 = (n: number) => n.toString(16).padStart(40, "0");

/** Every IOC, read by a plain walk of the collection: what the definition's routes must agree with. */
async function allIocs(): Promise<any[]> {
  return (await call("GET", "/V1.0/IndicatorsOfCompromise")).json.value;
}

describe("an alert definition's IOCs, through the AlertDefinitionId index", () => {
  it("agree with the IOC collection on the navigation route and $expand, after adds, re-parents and deletes", async () => {
    for (let d = 0; d < 3; d++)
      await call("POST", "/V1.0/AlertDefinitions", { body: definitionBody({ Name: `n${d}` }) });
    for (let i = 0; i < 30; i++)
      await call("POST", "/V1.0/IndicatorsOfCompromise", {
        body: iocBody(((i * 7) % 3) + 1, { Value: sha1(i) }),
      });
    for (let round = 0; round < 2; round++) {
      const iocs = await allIocs();
      const expanded = (await call("GET", "/V1.0/AlertDefinitions?$expand=IndicatorsOfCompromise")).json
        .value;
      for (const d of [1, 2, 3]) {
        const mine = iocs.filter((ioc) => ioc.AlertDefinitionId === d);
        const route = (await call("GET", `/V1.0/AlertDefinitions(${d})/IndicatorsOfCompromise`)).json.value;
        expect([d, route]).toEqual([d, mine]);
        const one = expanded.find((x: any) => x.Id === d).IndicatorsOfCompromise;
        expect([d, one]).toEqual([d, mine]);
      }
      // Writes between the reads: one IOC moves to definition 3, one is deleted.
      const moved = iocs.find((ioc) => ioc.AlertDefinitionId === 1);
      const ref = { "@odata.id": `${emu.url}/V1.0/AlertDefinitions(3)` };
      expect(
        (await call("PUT", `/V1.0/IndicatorsOfCompromise(${moved.Id})/AlertDefinition/$ref`, { body: ref }))
          .status,
      ).toBe(204);
      const gone = iocs.find((ioc) => ioc.AlertDefinitionId === 2);
      expect((await call("DELETE", `/V1.0/IndicatorsOfCompromise(${gone.Id})`)).status).toBe(204);
    }
    expect((await call("POST", "/V1.0/AlertDefinitions(2)/Actions.DeleteIOCs")).status).toBe(204);
    expect((await allIocs()).filter((ioc) => ioc.AlertDefinitionId === 2)).toEqual([]);
    expect((await call("GET", "/V1.0/AlertDefinitions(2)/IndicatorsOfCompromise")).json.value).toEqual([]);
  });
});
