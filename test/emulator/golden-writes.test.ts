import { beforeEach, describe, expect, it } from "vitest";
import { startTestEmulator } from "../helpers/emulator.js";
import {
  caller,
  definitionBody,
  iocBody,
  normalise,
  resetEmulator,
  GOLDEN_DEFINITION,
  GOLDEN_IOC,
} from "./support.js";

// Golden shapes from ti-api.md Part 1 (the docs' request/response samples), with dates, guids and the port normalised.
const emulator = await startTestEmulator();
const call = caller(emulator);
const small = await startTestEmulator({ quotaTotal: 1 });

const DEFINITION = GOLDEN_DEFINITION;
const IOC = GOLDEN_IOC;

beforeEach(() => resetEmulator(emulator));

describe("the documented samples: writes", () => {
  it("creates an alert definition with 201, the entity and its Location", async () => {
    const r = await call("POST", "/V1.0/AlertDefinitions", { body: definitionBody() });
    expect(r.status).toBe(201);
    expect(r.headers.get("location")).toBe(`${emulator.apiUrl}/AlertDefinitions(1)`);
    expect(normalise(r.json)).toEqual({
      "@odata.context": "<url>/V1.0/$metadata#AlertDefinitions/$entity",
      ...DEFINITION,
    });
  });

  it("creates an IOC bound with AlertDefinition@odata.bind, with 201", async () => {
    await call("POST", "/V1.0/AlertDefinitions", { body: definitionBody() });
    const r = await call("POST", "/V1.0/IndicatorsOfCompromise", { body: iocBody(1) });
    expect(r.status).toBe(201);
    expect(normalise(r.json)).toEqual({
      "@odata.context": "<url>/V1.0/$metadata#IndicatorsOfCompromise/$entity",
      ...IOC,
    });
  });

  it("updates an alert definition with PATCH and answers 200 with the updated entity", async () => {
    await call("POST", "/V1.0/AlertDefinitions", { body: definitionBody() });
    await call("POST", "/V1.0/AlertDefinitions", { body: definitionBody() });
    const r = await call("PATCH", "/V1.0/AlertDefinitions(2)", {
      body: { Category: "Backdoor", Enabled: false },
    });
    expect(r.status).toBe(200);
    expect(normalise(r.json)).toEqual({
      "@odata.context": "<url>/V1.0/$metadata#AlertDefinitions/$entity",
      ...DEFINITION,
      Id: 2,
      Category: "Backdoor",
      Enabled: false,
      LastModifiedAt: "<date>",
      LastModifiedBy: "<guid>",
    });
  });

  it("re-parents an IOC with PUT .../AlertDefinition/$ref and a full @odata.id URL", async () => {
    for (let i = 0; i < 6; i++) await call("POST", "/V1.0/AlertDefinitions", { body: definitionBody() });
    for (let i = 0; i < 3; i++) await call("POST", "/V1.0/IndicatorsOfCompromise", { body: iocBody(1) });
    const r = await call("PUT", "/V1.0/IndicatorsOfCompromise(3)/AlertDefinition/$ref", {
      body: { "@odata.id": "https://TI.SecurityCenter.Windows.com/v1.0/AlertDefinitions(6)" },
    });
    expect(r.status).toBe(204);
    const ioc = await call("GET", "/V1.0/IndicatorsOfCompromise(3)");
    expect(ioc.json.AlertDefinitionId).toBe(6);
  });

  it("deletes one IOC with 204", async () => {
    await call("POST", "/V1.0/AlertDefinitions", { body: definitionBody() });
    await call("POST", "/V1.0/IndicatorsOfCompromise", { body: iocBody(1) });
    expect((await call("DELETE", "/V1.0/IndicatorsOfCompromise(1)")).status).toBe(204);
    expect((await call("GET", "/V1.0/IndicatorsOfCompromise(1)")).status).toBe(404);
  });

  it("deletes every IOC with DELETE on the collection", async () => {
    await call("POST", "/V1.0/AlertDefinitions", { body: definitionBody() });
    await call("POST", "/V1.0/IndicatorsOfCompromise", { body: iocBody(1) });
    await call("POST", "/V1.0/IndicatorsOfCompromise", { body: iocBody(1) });
    expect((await call("DELETE", "/V1.0/IndicatorsOfCompromise")).status).toBe(204);
    expect((await call("GET", "/V1.0/IndicatorsOfCompromise")).json.value).toEqual([]);
    expect((await call("GET", "/V1.0/AlertDefinitions")).json.value).toHaveLength(1);
  });

  it("deletes a definition's IOCs with Actions.DeleteIOCs and keeps the definition, even with an empty JSON body", async () => {
    await call("POST", "/V1.0/AlertDefinitions", { body: definitionBody() });
    await call("POST", "/V1.0/IndicatorsOfCompromise", { body: iocBody(1) });
    const r = await call("POST", "/V1.0/AlertDefinitions(1)/Actions.DeleteIOCs", {
      body: "",
      headers: { "content-type": "application/json" },
    });
    expect(r.status).toBe(204);
    expect((await call("GET", "/V1.0/IndicatorsOfCompromise/$count")).text).toBe("0");
    expect((await call("GET", "/V1.0/AlertDefinitions(1)")).status).toBe(200);
  });

  it("deletes a definition's IOCs along with the definition", async () => {
    await call("POST", "/V1.0/AlertDefinitions", { body: definitionBody() });
    await call("POST", "/V1.0/IndicatorsOfCompromise", { body: iocBody(1) });
    expect((await call("DELETE", "/V1.0/AlertDefinitions(1)")).status).toBe(204);
    expect((await call("GET", "/V1.0/IndicatorsOfCompromise/$count")).text).toBe("0");
  });

  it("bulk uploads the docs' sample with the same SHA-1 twice and answers 200 with both", async () => {
    await call("POST", "/V1.0/AlertDefinitions", { body: definitionBody() });
    const ioc = iocBody(1, { Type: "SHA1" });
    const r = await call("POST", "/V1.0/IndicatorsOfCompromise/Actions.BulkUpload", {
      body: { iocs: [ioc, ioc] },
    });
    expect(r.status).toBe(200);
    expect(normalise(r.json)).toEqual({
      "@odata.context": "<url>/V1.0/$metadata#IndicatorsOfCompromise",
      value: [IOC, { ...IOC, Id: 2 }],
    });
  });

  it("bulk uploads alert definitions under the alertDefinitions property", async () => {
    const r = await call("POST", "/V1.0/AlertDefinitions/Actions.BulkUpload", {
      body: { alertDefinitions: [definitionBody(), definitionBody({ Severity: "Medium" })] },
    });
    expect(r.status).toBe(200);
    expect(r.json.value.map((d: { Id: number; Severity: string }) => [d.Id, d.Severity])).toEqual([
      [1, "Low"],
      [2, "Medium"],
    ]);
  });

  it("answers a full quota with 507 InsufficientStorage", async () => {
    const smallCall = caller(small);
    expect((await smallCall("POST", "/V1.0/AlertDefinitions", { body: definitionBody() })).status).toBe(201);
    const r = await smallCall("POST", "/V1.0/AlertDefinitions", { body: definitionBody() });
    expect(r.status).toBe(507);
    expect(r.json.error.code).toBe("InsufficientStorage");
  });
});
