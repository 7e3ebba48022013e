import { beforeEach, describe, expect, it } from "vitest";
import { startTestEmulator } from "../helpers/emulator.js";
import { caller, definitionBody, iocBody, resetEmulator } from "./support.js";

const emulator = await startTestEmulator({ quotaTotal: 6, quotaNonEquals: 2 });
const call = caller(emulator);

beforeEach(async () => {
  await resetEmulator(emulator);
  await call("POST", "/V1.0/AlertDefinitions", { body: definitionBody() });
});

async function state(): Promise<unknown> {
  return (await fetch(`${emulator.url}/_emulator/state`)).json();
}

describe("validation and error replies", () => {
  it("names field, value and rule, uses the most specific code, and changes nothing", async () => {
    const before = await state();
    const cases: [string, unknown, string, RegExp][] = [
      [
        "/V1.0/AlertDefinitions",
        definitionBody({ Name: undefined }),
        "MissingRequiredParameter",
        /Name: \(missing\) is required/,
      ],
      [
        "/V1.0/AlertDefinitions",
        definitionBody({ Severity: "Critical" }),
        "InvalidInput",
        /Severity: "Critical" is not one of Informational/,
      ],
      [
        "/V1.0/AlertDefinitions",
        definitionBody({ Title: "x".repeat(121) }),
        "InvalidInput",
        /Title: .* must be at most 120 characters/,
      ],
      [
        "/V1.0/AlertDefinitions",
        { ...definitionBody(), name: "x" },
        "InvalidRequestBody",
        /did you mean Name/,
      ],
      [
        "/V1.0/IndicatorsOfCompromise",
        iocBody(1, { Value: "52.184.197", Type: "IpAddress" }),
        "InvalidIpAddress",
        /Value: "52.184.197"/,
      ],
      [
        "/V1.0/IndicatorsOfCompromise",
        iocBody(1, { Type: "DomainName", Value: "-bad-" }),
        "InvalidDomainName",
        /host name/,
      ],
      ["/V1.0/IndicatorsOfCompromise", iocBody(1, { Value: "abc" }), "InvalidHashValue", /40 hexadecimal/],
      [
        "/V1.0/IndicatorsOfCompromise",
        iocBody(99),
        "InvalidInput",
        /AlertDefinitions\(99\)" names an alert definition that does not exist/,
      ],
      [
        "/V1.0/IndicatorsOfCompromise",
        { ...iocBody(1), "AlertDefinition@odata.bind": undefined },
        "MissingRequiredParameter",
        /AlertDefinition@odata.bind/,
      ],
      ["/V1.0/AlertDefinitions", "{not json", "InvalidRequestBody", /not valid JSON/],
      ["/V1.0/AlertDefinitions", "[1]", "InvalidInput", /must be a JSON object/],
    ];
    for (const [path, body, code, message] of cases) {
      const r = await call("POST", path, { body });
      expect([r.status, r.json.error.code]).toEqual([400, code]);
      expect(r.json.error.message).toMatch(message);
    }
    expect(await state()).toEqual(before);
  });

  it("refuses read-only fields in PATCH and keeps the entity", async () => {
    const r = await call("PATCH", "/V1.0/AlertDefinitions(1)", { body: { Id: 7, CreatedBy: "me" } });
    expect(r.status).toBe(400);
    expect(r.json.error.message).toMatch(/Id: 7 is read-only.*CreatedBy: "me" is read-only/);
    expect((await call("GET", "/V1.0/AlertDefinitions(1)")).json.LastModifiedAt).toBeNull();
  });

  it("accepts the plural bind spelling of the earliest docs and a PATCH that re-binds", async () => {
    await call("POST", "/V1.0/AlertDefinitions", { body: definitionBody() });
    const { ["AlertDefinition@odata.bind"]: _bind, ...rest } = iocBody(1);
    const r = await call("POST", "/V1.0/IndicatorsOfCompromise", {
      body: { ...rest, "AlertDefinitions@odata.bind": "AlertDefinitions(1)" },
    });
    expect(r.status).toBe(201);
    const moved = await call("PATCH", `/V1.0/IndicatorsOfCompromise(${r.json.Id})`, {
      body: { "AlertDefinition@odata.bind": "AlertDefinitions(2)" },
    });
    expect(moved.json.AlertDefinitionId).toBe(2);
  });

  it("answers 404 NotFound for unknown paths and 404 ResourceNotFound for absent keys", async () => {
    for (const path of [
      "/V1.0/Nope",
      "/V2.0/AlertDefinitions",
      "/V1.0/AlertDefinitions/extra",
      "/V1.0/AlertDefinitions(1)/Nope",
    ]) {
      const r = await call("GET", path);
      expect([path, r.status, r.json.error.code]).toEqual([path, 404, "NotFound"]);
    }
    for (const path of ["/V1.0/AlertDefinitions(42)", "/V1.0/IndicatorsOfCompromise(Id=42)"]) {
      const r = await call("GET", path);
      expect([path, r.status, r.json.error.code]).toEqual([path, 404, "ResourceNotFound"]);
    }
  });

  it("answers a non-integer key with 400 ODataError", async () => {
    for (const key of ["'abc'", "1.5", "abc", "99999999999"]) {
      const r = await call("GET", `/V1.0/AlertDefinitions(${key})`);
      expect([key, r.status, r.json.error.code]).toEqual([key, 400, "ODataError"]);
    }
  });

  it("answers a wrong verb with 405 and Allow", async () => {
    const r = await call("PUT", "/V1.0/AlertDefinitions");
    expect([r.status, r.headers.get("allow"), r.json.error.code]).toEqual([
      405,
      "GET, POST, DELETE",
      "MethodNotAllowed",
    ]);
  });

  it("refuses a bulk upload over 5,000 entities, or of the wrong shape", async () => {
    const big = await call("POST", "/V1.0/IndicatorsOfCompromise/Actions.BulkUpload", {
      body: { iocs: Array(5001).fill({}) },
    });
    expect([big.status, big.json.error.code]).toEqual([400, "MaximumBatchSizeExceeded"]);
    const wrong = await call("POST", "/V1.0/IndicatorsOfCompromise/Actions.BulkUpload", {
      body: { alertDefinitions: [] },
    });
    expect([wrong.status, wrong.json.error.code]).toEqual([400, "InvalidRequestBody"]);
  });

  it("fails a whole bulk upload for one bad item, naming it", async () => {
    const before = await state();
    const r = await call("POST", "/V1.0/IndicatorsOfCompromise/Actions.BulkUpload", {
      body: { iocs: [iocBody(1), iocBody(1, { Value: "nope" })] },
    });
    expect(r.status).toBe(400);
    expect(r.json.error.message).toMatch(
      /^1 of 2 entities are invalid, so nothing was stored: iocs\[1\]: Value: "nope"/,
    );
    expect(await state()).toEqual(before);
  });

  it("quotes the first ten bad items of a bulk upload and counts the rest", async () => {
    const iocs = Array.from({ length: 15 }, () => iocBody(1, { Value: "nope" }));
    const r = await call("POST", "/V1.0/IndicatorsOfCompromise/Actions.BulkUpload", { body: { iocs } });
    expect([r.status, r.json.error.code]).toEqual([400, "InvalidHashValue"]);
    expect(r.json.error.message).toMatch(/^15 of 15 entities are invalid.*iocs\[9\]: .*; and 5 more$/);
  });

  it("fails a whole bulk upload over quota with 507 and stores nothing", async () => {
    const before = await state();
    const r = await call("POST", "/V1.0/IndicatorsOfCompromise/Actions.BulkUpload", {
      body: { iocs: Array(6).fill(iocBody(1)) },
    });
    expect([r.status, r.json.error.code]).toEqual([507, "InsufficientStorage"]);
    expect(await state()).toEqual(before);
  });

  it("counts IOCs whose DetectionFunction is not Equals against their own quota, PATCH included", async () => {
    const partial = iocBody(1, { DetectionFunction: "StartWith", Value: "dead" });
    expect((await call("POST", "/V1.0/IndicatorsOfCompromise", { body: partial })).status).toBe(201);
    expect((await call("POST", "/V1.0/IndicatorsOfCompromise", { body: partial })).status).toBe(201);
    expect((await call("POST", "/V1.0/IndicatorsOfCompromise", { body: partial })).status).toBe(507);
    const equals = await call("POST", "/V1.0/IndicatorsOfCompromise", { body: iocBody(1) });
    const patch = await call("PATCH", `/V1.0/IndicatorsOfCompromise(${equals.json.Id})`, {
      body: { DetectionFunction: "Contains" },
    });
    expect(patch.status).toBe(507);
  });

  it("sends the request id both as a header and as error.target", async () => {
    const r = await call("GET", "/V1.0/AlertDefinitions(42)");
    expect(r.json.error.target).toBe(r.headers.get("request-id"));
  });
});
