import { beforeEach, describe, expect, it } from "vitest";
import { fetchTestToken, startTestEmulator } from "../../helpers/emulator.js";
import { caller, normalise, resetEmulator } from "../support.js";
import { indicatorBody, indicatorCaller, indicatorToken } from "./support.js";

// Golden shapes from ti-api.md Part 2 (the docs' request/response samples) and Part 5 (our decisions), spelled out
// literally: they are the specification, not derived from the code. Dates, guids and the port are normalised.
const emulator = await startTestEmulator();
const call = indicatorCaller(emulator);
beforeEach(() => resetEmulator(emulator));

const CREATED = {
  "@odata.context": "<url>/api/$metadata#Indicators/$entity",
  id: "1",
  indicatorValue: "220e7d15b011d7fac48f2bd61114db1022197f7f",
  indicatorType: "FileSha1",
  action: "BlockAndRemediate",
  application: "demo-test",
  createdBySource: "<guid>",
  sourceType: "AadApp",
  createdBy: "<guid>",
  createdByDisplayName: "<guid>",
  severity: "Informational",
  category: null,
  title: "test",
  description: "test",
  recommendedActions: "nothing",
  rbacGroupNames: ["group1", "group2"],
  rbacGroupIds: [],
  generateAlert: false,
  creationTimeDateTimeUtc: "<date>",
  expirationTime: "<date>",
  lastUpdateTime: "<date>",
  lastUpdatedBy: null,
  externalId: null,
  mitreTechniques: [],
  educateUrl: null,
  bypassDurationHours: null,
};
const { "@odata.context": _context, ...LISTED } = CREATED;

function claimsOf(token: string): any {
  return JSON.parse(Buffer.from(token.split(".")[1]!, "base64url").toString("utf8"));
}

describe("the documented samples: tokens (D7, D8)", () => {
  it("issues a v2 token for scope https://api.securitycenter.microsoft.com/.default with the Ti.ReadWrite role", async () => {
    const r = await fetch(`${emulator.url}/${emulator.tenantId}/oauth2/v2.0/token`, {
      method: "POST",
      headers: { "content-type": "application/x-www-form-urlencoded" },
      body: new URLSearchParams({
        grant_type: "client_credentials",
        client_id: emulator.clientId,
        client_secret: emulator.clientSecret,
        scope: "https://api.securitycenter.microsoft.com/.default",
      }),
    });
    const body = (await r.json()) as any;
    expect(r.status).toBe(200);
    expect(body).toMatchObject({ token_type: "Bearer", expires_in: 3599 });
    expect(claimsOf(body.access_token)).toMatchObject({
      aud: "https://api.securitycenter.microsoft.com",
      roles: ["Ti.ReadWrite"],
    });
  });

  it.each([
    { scope: "https://securitycenter.onmicrosoft.com/windowsatpservice/.default" },
    { scope: "https://api.security.microsoft.com/.default" },
    { resource: "https://api.securitycenter.microsoft.com" },
    { resource: "https://api.securitycenter.windows.com" },
  ])("accepts the token asked for with %j on /api", async (request) => {
    const token = await indicatorToken(emulator, request);
    const r = await caller(emulator)("GET", "/api/indicators", {
      headers: { authorization: `Bearer ${token}` },
    });
    expect(r.status).toBe(200);
  });

  it("refuses a custom-TI token on /api and an Indicators API token on /V1.0 with 401", async () => {
    const custom = await fetchTestToken(emulator);
    const onApi = await caller(emulator)("GET", "/api/indicators", {
      headers: { authorization: `Bearer ${custom}` },
    });
    expect(onApi.status).toBe(401);
    expect(onApi.json.error.code).toBe("Unauthorized");
    const onV1 = await call("GET", "/V1.0/AlertDefinitions");
    expect(onV1.status).toBe(401);
    expect((await call("GET", "/api/indicators", { anonymous: true })).status).toBe(401);
  });
});

describe("the documented samples: indicators (D1-D6)", () => {
  it("lists an empty collection with the Indicators context", async () => {
    const r = await call("GET", "/api/indicators");
    expect(r.status).toBe(200);
    expect(normalise(r.json)).toEqual({ "@odata.context": "<url>/api/$metadata#Indicators", value: [] });
  });

  it("submits an indicator with 200 (not 201) and the created entity", async () => {
    const r = await call("POST", "/api/indicators", { body: indicatorBody() });
    expect(r.status).toBe(200);
    expect(normalise(r.json)).toEqual(CREATED);
    const list = await call("GET", "/api/indicators");
    expect(normalise(list.json.value)).toEqual([LISTED]);
  });

  it("refuses the docs' own submit sample (legacy AlertAndBlock, expiry in 2020) naming the replacement", async () => {
    const r = await call("POST", "/api/indicators", {
      body: indicatorBody({ action: "AlertAndBlock", expirationTime: "2020-12-12T00:00:00Z" }),
    });
    expect(r.status).toBe(400);
    expect(normalise(r.json)).toEqual({
      error: {
        code: "InvalidRequestBody",
        message:
          'expirationTime: "<date>" is in the past (now is <date>); action: "AlertAndBlock" is a legacy action (supported only until January 2022): use BlockAndRemediate (generateAlert optional)',
        target: "<guid>",
      },
    });
  });

  it("updates on a re-submit of the same value, type and action: same id, application kept", async () => {
    await call("POST", "/api/indicators", { body: indicatorBody() });
    const r = await call("POST", "/api/indicators", {
      body: indicatorBody({ title: "renamed", application: "other", severity: "High" }),
    });
    expect(r.status).toBe(200);
    expect(normalise(r.json)).toEqual({
      ...CREATED,
      title: "renamed",
      severity: "High",
      lastUpdatedBy: "<guid>",
    });
    expect((await call("GET", "/api/indicators")).json.value).toHaveLength(1);
  });

  it("imports items one by one with per-item results in request order (D3)", async () => {
    const r = await call("POST", "/api/indicators/import", {
      body: {
        Indicators: [
          indicatorBody({ action: "Block", title: "demo" }),
          indicatorBody({
            indicatorValue: "2233223322332233223322332233223322332233223322332233223322332222",
            indicatorType: "FileSha256",
            title: "demo2",
            application: "demo-test2",
            action: "Alert",
            severity: "Medium",
            rbacGroupNames: [],
          }),
        ],
      },
    });
    expect(r.status).toBe(200);
    expect(normalise(r.json)).toEqual({
      "@odata.context":
        "<url>/api/$metadata#Collection(microsoft.windowsDefenderATP.api.ImportIndicatorResult)",
      value: [
        {
          id: "1",
          indicator: "220e7d15b011d7fac48f2bd61114db1022197f7f",
          isFailed: false,
          failureReason: null,
        },
        {
          id: null,
          indicator: "2233223322332233223322332233223322332233223322332233223322332222",
          isFailed: true,
          failureReason:
            'action: "Alert" is a legacy action (supported only until January 2022): use Audit with generateAlert: true',
        },
      ],
    });
  });

  it("refuses an empty import and one over 500 with MaximumBatchSizeExceeded naming received and allowed", async () => {
    const empty = await call("POST", "/api/indicators/import", { body: { Indicators: [] } });
    expect([empty.status, empty.json.error.code]).toEqual([400, "InvalidRequestBody"]);
    const big = await call("POST", "/api/indicators/import", {
      body: { Indicators: Array.from({ length: 501 }, () => indicatorBody()) },
    });
    expect(big.status).toBe(400);
    expect(big.json.error).toMatchObject({
      code: "MaximumBatchSizeExceeded",
      message: "Received 501 entities; at most 500 are allowed",
    });
    const cased = await call("POST", "/api/indicators/import", { body: { indicators: [indicatorBody()] } });
    expect(cased.json.error.message).toMatch(/unexpected indicators \(names are case-sensitive\)/);
  });

  it("deletes one indicator with 204, and answers 404 for an unknown id", async () => {
    await call("POST", "/api/indicators", { body: indicatorBody() });
    expect((await call("DELETE", "/api/indicators/1")).status).toBe(204);
    const again = await call("DELETE", "/api/indicators/1");
    expect(again.status).toBe(404);
    expect(again.json.error).toMatchObject({
      code: "ResourceNotFound",
      message: "Indicator 1 does not exist; nothing was deleted",
    });
  });

  it('batch-deletes {"IndicatorIds": ["1","2","5"]} with 204', async () => {
    const items = [1, 2, 3, 4, 5].map((n) => indicatorBody({ indicatorValue: String(n).repeat(40) }));
    await call("POST", "/api/indicators/import", { body: { Indicators: items } });
    const r = await call("POST", "/api/indicators/BatchDelete", { body: { IndicatorIds: ["1", "2", "5"] } });
    expect(r.status).toBe(204);
    expect((await call("GET", "/api/indicators")).json.value.map((i: any) => i.id)).toEqual(["3", "4"]);
  });

  it("batch-deletes nothing and answers 404 when any id is unknown", async () => {
    await call("POST", "/api/indicators", { body: indicatorBody() });
    const r = await call("POST", "/api/indicators/BatchDelete", { body: { IndicatorIds: ["1", "7"] } });
    expect(r.status).toBe(404);
    expect(r.json.error).toMatchObject({
      code: "ResourceNotFound",
      message: "Indicator 7 does not exist; nothing was deleted",
    });
    expect((await call("GET", "/api/indicators")).json.value).toHaveLength(1);
  });

  it("refuses an empty, oversized or malformed BatchDelete with 400", async () => {
    const send = (body: unknown) => call("POST", "/api/indicators/BatchDelete", { body });
    expect((await send({ IndicatorIds: [] })).json.error.code).toBe("InvalidRequestBody");
    const many = await send({ IndicatorIds: Array.from({ length: 501 }, (_, i) => String(i + 1)) });
    expect(many.json.error.code).toBe("MaximumBatchSizeExceeded");
    const bad = await send({ IndicatorIds: ["abc"] });
    expect([bad.status, bad.json.error.message]).toEqual([
      400,
      'IndicatorIds[0]: "abc" is not a numeric indicator id, e.g. "994"',
    ]);
  });

  it("filters as in the docs' example ?$filter=action+eq+'AlertAndBlock' and on the other documented properties", async () => {
    await call("POST", "/api/indicators/import", {
      body: {
        Indicators: [
          indicatorBody(),
          indicatorBody({
            indicatorType: "DomainName",
            indicatorValue: "bad.example",
            action: "Block",
            severity: "High",
          }),
          indicatorBody({
            indicatorType: "IpAddress",
            indicatorValue: "52.184.197.12",
            action: "Audit",
            generateAlert: true,
          }),
        ],
      },
    });
    const ids = async (query: string) =>
      (await call("GET", `/api/indicators?${query}`)).json.value.map((i: any) => i.id);
    expect(await ids("$filter=action+eq+'AlertAndBlock'")).toEqual([]);
    expect(await ids("$filter=action+eq+'Block'")).toEqual(["2"]);
    expect(await ids("$filter=severity eq 'High' or generateAlert eq true")).toEqual(["2", "3"]);
    expect(
      await ids("$filter=indicatorType in ('IpAddress','FileSha1')&$orderby=indicatorValue desc"),
    ).toEqual(["3", "1"]);
    expect(await ids("$filter=contains(rbacGroupNames,'group2')&$top=1&$skip=1")).toEqual(["2"]);
    expect(
      await ids("$filter=creationTimeDateTimeUtc gt 2020-01-01T00:00:00Z and expirationTime ne null"),
    ).toEqual(["1", "2", "3"]);
    const bad = await call("GET", "/api/indicators?$filter=Action eq 'Block'");
    expect([bad.status, bad.json.error.code]).toEqual([400, "ODataError"]);
    expect(bad.json.error.message).toMatch(/did you mean action\?/);
    const undocumented = await call("GET", "/api/indicators?$filter=description eq 'test'");
    expect(undocumented.json.error.message).toMatch(/description is not a property of Indicators/);
  });

  it("takes $top up to 10,000 and refuses more; counts with $count; pages with @odata.nextLink", async () => {
    const items = [1, 2, 3].map((n) => indicatorBody({ indicatorValue: String(n).repeat(40) }));
    await call("POST", "/api/indicators/import", { body: { Indicators: items } });
    expect((await call("GET", "/api/indicators?$top=10000")).status).toBe(200);
    const over = await call("GET", "/api/indicators?$top=10001");
    expect([over.status, over.json.error.message]).toEqual([400, "$top must be at most 10000 (got 10001)"]);
    const counted = await call("GET", "/api/indicators?$count=true&$top=1");
    expect(counted.json["@odata.count"]).toBe(3);
    const paged = await call("GET", "/api/indicators", { headers: { prefer: "odata.maxpagesize=2" } });
    expect(paged.json.value.map((i: any) => i.id)).toEqual(["1", "2"]);
    const next = new URL(paged.json["@odata.nextLink"]);
    const rest = await call("GET", next.pathname + next.search);
    expect(rest.json.value.map((i: any) => i.id)).toEqual(["3"]);
    expect(rest.json["@odata.nextLink"]).toBeUndefined();
  });

  it("serves the versioned form /api/v1.0/indicators too", async () => {
    const r = await call("POST", "/api/v1.0/indicators", { body: indicatorBody() });
    expect(r.json["@odata.context"]).toMatch(/\/api\/v1\.0\/\$metadata#Indicators\/\$entity$/);
  });

  it("answers unknown paths 404 and other methods 405 with Allow", async () => {
    expect((await call("GET", "/api/machines")).status).toBe(404);
    const get = await call("GET", "/api/indicators/1");
    expect([get.status, get.headers.get("allow")]).toEqual([405, "DELETE"]);
    expect((await call("PATCH", "/api/indicators")).headers.get("allow")).toBe("GET, POST");
  });
});
