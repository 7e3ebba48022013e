import { createServer } from "node:http";
import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import type { ConnectedSession } from "../../src/connect.js";
import type { RunningEmulator } from "../../src/emulator/index.js";
import { HttpError, ValidationError } from "../../src/errors/index.js";
import {
  INDICATOR_ACTIONS,
  INDICATOR_SEVERITIES,
  INDICATOR_TYPES,
  type IndicatorInput,
} from "../../src/schema/index.js";
import { startTestEmulator } from "../helpers/emulator.js";
import { admin, connectTo, recordWire } from "./support.js";

// The request and reply samples of ti-api.md Part 2 (D1-D9), sent through the library: the emulator's replies
// must have the documented shape, and the library must read the documented replies themselves.
let emu: RunningEmulator;
let session: ConnectedSession;
const urlsOf = (e: RunningEmulator) => ({
  apiUrl: `${e.url}/api`,
  authUrl: e.authUrl.replace(/\/oauth2\/token$/, "/oauth2/v2.0/token"),
});
beforeAll(async () => {
  emu = await startTestEmulator({ quiet: true });
  session = await connectTo(emu, urlsOf(emu));
});
afterAll(() => session.close());
beforeEach(() => admin(emu, "reset", { seed: false, tokens: false }));

// D2's request sample with what Part 5 accepts today: a current action, an expiry ahead.
const SUBMIT: IndicatorInput = {
  indicatorValue: "220e7d15b011d7fac48f2bd61114db1022197f7f",
  indicatorType: "FileSha1",
  title: "test",
  application: "demo-test",
  expirationTime: "2099-12-12T00:00:00Z",
  action: "BlockAndRemediate",
  severity: "Informational",
  description: "test",
  recommendedActions: "nothing",
  rbacGroupNames: ["group1", "group2"],
};

const isDate = (v: unknown) => typeof v === "string" && !Number.isNaN(Date.parse(v));
const nullable = (check: (v: unknown) => boolean) => (v: unknown) => v === null || check(v);
const isString = (v: unknown) => typeof v === "string";
const oneOf = (values: readonly string[]) => (v: unknown) => values.includes(v as string);
const strings = (v: unknown) => Array.isArray(v) && v.every(isString);

// Part 2.3, property by property: the name and the documented type of each.
const DOCUMENTED: Record<string, (v: unknown) => boolean> = {
  id: (v) => typeof v === "string" && /^\d+$/.test(v),
  indicatorValue: isString,
  indicatorType: oneOf(INDICATOR_TYPES),
  application: nullable(isString),
  action: oneOf(INDICATOR_ACTIONS),
  externalId: nullable(isString),
  sourceType: oneOf(["User", "AadApp"]),
  createdBySource: isString,
  createdBy: isString,
  lastUpdatedBy: nullable(isString),
  creationTimeDateTimeUtc: isDate,
  expirationTime: nullable(isDate),
  lastUpdateTime: isDate,
  severity: oneOf(INDICATOR_SEVERITIES),
  title: isString,
  description: isString,
  recommendedActions: nullable(isString),
  rbacGroupNames: strings,
  rbacGroupIds: strings,
  generateAlert: (v) => typeof v === "boolean",
};

/** The documented properties whose value is missing or of another type than Part 2.3 says ([] when all fit). */
function misfits(entity: object): string[] {
  const record = entity as Record<string, unknown>;
  return Object.entries(DOCUMENTED)
    .filter(([name, fits]) => !fits(record[name]))
    .map(([name]) => `${name}: ${JSON.stringify(record[name])}`);
}

describe("Part 2's samples through the library, against the emulator", () => {
  it("submits D2's sample (today's action) and gets back the documented entity", async () => {
    const created = await session.indicators.submit(SUBMIT);
    expect(misfits(created)).toEqual([]);
    // The service's form of the instant may differ from the one sent (the emulator writes milliseconds).
    const { expirationTime, ...sent } = SUBMIT;
    expect(created).toMatchObject({ ...sent, sourceType: "AadApp", createdBy: emu.clientId });
    expect(Date.parse(created.expirationTime!)).toBe(Date.parse(String(expirationTime)));
    const again = await session.indicators.submit({ ...SUBMIT, title: "renamed" });
    expect([again.id, again.title, misfits(again)]).toEqual([created.id, "renamed", []]);
  });

  it("refuses D2's own sample (AlertAndBlock, expiry in 2020) before sending, naming field, value and rule", async () => {
    const wire = recordWire(session);
    const sample = { ...SUBMIT, action: "AlertAndBlock", expirationTime: "2020-12-12T00:00:00Z" };
    // @ts-expect-error: a legacy action (the types refuse it too; this checks the run-time refusal and its hint)
    const error = await session.indicators.submit(sample).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(ValidationError);
    expect((error as ValidationError).message).toMatch(
      /action: "AlertAndBlock" is a legacy action.*BlockAndRemediate/,
    );
    expect((error as ValidationError).message).toMatch(
      /expirationTime: "2020-12-12T00:00:00Z" is in the past/,
    );
    expect(wire).toEqual([]);
  });

  it("imports D3's two items (today's actions) with one result per item, in order", async () => {
    const items: IndicatorInput[] = [
      { ...SUBMIT, title: "demo", action: "Audit", generateAlert: true, description: "demo2" },
      {
        ...SUBMIT,
        indicatorValue: "2233223322332233223322332233223322332233223322332233223322332222",
        indicatorType: "FileSha256",
        title: "demo2",
        application: "demo-test2",
        action: "Audit",
        generateAlert: true,
        severity: "Medium",
        description: "demo2",
        rbacGroupNames: [],
      },
    ];
    const results = await session.indicators.import(items);
    expect(results).toEqual([
      {
        id: expect.stringMatching(/^\d+$/),
        indicator: items[0]!.indicatorValue,
        isFailed: false,
        failureReason: null,
      },
      {
        id: expect.stringMatching(/^\d+$/),
        indicator: items[1]!.indicatorValue,
        isFailed: false,
        failureReason: null,
      },
    ]);
    const listed = await session.indicators.list().toArray();
    expect(listed.map((i) => [i.id, i.indicatorType, misfits(i)])).toEqual([
      [results[0]!.id, "FileSha1", []],
      [results[1]!.id, "FileSha256", []],
    ]);
  });

  it('batch-deletes D6\'s {"IndicatorIds": ["1","2","5"]}, and passes on the all-or-nothing 404', async () => {
    const items = [1, 2, 3, 4, 5].map((n) => ({ ...SUBMIT, indicatorValue: String(n).repeat(40) }));
    await session.indicators.import(items);
    const wire = recordWire(session);
    await session.indicators.batchDelete(["1", "2", "5"]);
    expect(wire.map((e) => [e.method, new URL(e.url).pathname, e.status])).toEqual([
      ["POST", "/api/indicators/BatchDelete", 204],
    ]);
    expect((await session.indicators.list().toArray()).map((i) => i.id)).toEqual(["3", "4"]);
    const missing = await session.indicators.batchDelete(["3", "7"]).catch((e: unknown) => e);
    expect(missing).toBeInstanceOf(HttpError);
    expect(missing).toMatchObject({ status: 404, code: "ResourceNotFound" });
    expect(await session.indicators.count()).toBe(2);
  });

  it("lists with D4's $filter example, and with filters on the documented properties", async () => {
    await session.indicators.import([
      SUBMIT,
      {
        ...SUBMIT,
        indicatorType: "DomainName",
        indicatorValue: "bad.example",
        action: "Block",
        severity: "High",
      },
    ]);
    const wire = recordWire(session);
    expect(await session.indicators.list({ filter: "action eq 'AlertAndBlock'" }).toArray()).toEqual([]);
    expect(decodeURIComponent(new URL(wire[0]!.url).search)).toContain("$filter=action eq 'AlertAndBlock'");
    const blocked = await session.indicators.list({ filter: session.indicators.where.eq("action", "Block") });
    expect(blocked.map((i) => [i.indicatorValue, misfits(i)])).toEqual([["bad.example", []]]);
    const high = session.indicators.where.eq("severity", "High");
    expect(await session.indicators.count(high)).toBe(1);
  });

  it("turns D9's error body into an HttpError with status, code, message and the request id (target)", async () => {
    const error = await session.indicators.list({ filter: "Action eq 'Block'" }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(HttpError);
    const http = error as HttpError;
    expect([http.status, http.code]).toEqual([400, "ODataError"]);
    expect(http.serviceMessage).toMatch(/did you mean action\?/);
    expect(http.requestId).toMatch(/^[0-9a-f-]{36}$/);
    const unknown = await session.indicators.delete("994").catch((e: unknown) => e);
    expect(unknown).toMatchObject({ status: 404, code: "ResourceNotFound" });
  });
});

// The docs' own replies, as printed (D2-D6, D9), served from loopback. D4's sample writes `"lastUpdatedBy":
// TestPrdApp` unquoted, which is not JSON: quoted here. It also names `createdBySource` `source` (D1).
const D4_ITEM = {
  id: "995",
  indicatorValue: "12.13.14.15",
  indicatorType: "IpAddress",
  action: "Alert",
  application: "demo-test",
  source: "TestPrdApp",
  sourceType: "AadApp",
  title: "test",
  creationTimeDateTimeUtc: "2018-10-24T11:15:35.3688259Z",
  createdBy: "45097602-1234-5678-1234-9f453233e62c",
  expirationTime: "2020-12-12T00:00:00Z",
  lastUpdateTime: "2019-10-24T10:54:23.2009016Z",
  lastUpdatedBy: "TestPrdApp",
  severity: "Informational",
  description: "test",
  recommendedActions: "test",
  rbacGroupNames: [],
};
const D4_FILTERED = {
  ...D4_ITEM,
  id: "997",
  indicatorValue: "111e7d15b0b3d7fac48f2bd61114db1022197f7f",
  indicatorType: "FileSha1",
  action: "AlertAndBlock",
  application: null,
  creationTimeDateTimeUtc: "2018-10-24T10:54:23.2009016Z",
  recommendedActions: "TEST",
  rbacGroupNames: ["Group1", "Group2"],
};
const CONTEXT = "https://api.securitycenter.microsoft.com/api/$metadata#Indicators";
const D9_TARGET = "43f4cb08-8fac-4b65-9db1-745c2ae65f3a";
const DOCUMENTED_REPLIES: Record<string, { status: number; body?: unknown }> = {
  "GET /api/indicators": { status: 200, body: { "@odata.context": CONTEXT, value: [D4_ITEM] } },
  "GET /api/indicators?$filter=action eq 'AlertAndBlock'": {
    status: 200,
    body: { "@odata.context": CONTEXT, value: [D4_FILTERED] },
  },
  // D2's reply sample (2019 page) carries no id.
  "POST /api/indicators": {
    status: 200,
    body: {
      "@odata.context": `${CONTEXT}/$entity`,
      indicatorValue: "220e7d15b0b3d7fac48f2bd61114db1022197f7f",
      indicatorType: "FileSha1",
      title: "test",
      creationTimeDateTimeUtc: "2018-10-24T10:54:23.2009016Z",
      createdBy: "45097602-1234-5678-1234-9f453233e62c",
      expirationTime: "2020-12-12T00:00:00Z",
      action: "AlertAndBlock",
      severity: "Informational",
      description: "test",
      recommendedActions: "TEST",
      rbacGroupNames: [],
    },
  },
  "POST /api/indicators/import": {
    status: 200,
    body: {
      value: [
        { id: "2841", indicator: SUBMIT.indicatorValue, isFailed: false, failureReason: null },
        {
          id: "2842",
          indicator: "2233223322332233223322332233223322332233223322332233223322332222",
          isFailed: false,
          failureReason: null,
        },
      ],
    },
  },
  "POST /api/indicators/BatchDelete": { status: 204 },
  "DELETE /api/indicators/995": { status: 204 },
  "DELETE /api/indicators/994": {
    status: 404,
    body: { error: { code: "NotFound", message: "Indicator 994 was not found", target: D9_TARGET } },
  },
};

describe("the documented replies, read by the library", () => {
  let docs: ConnectedSession;
  const sent: string[] = [];
  beforeAll(async () => {
    const server = createServer((req, res) => {
      const url = new URL(req.url ?? "/", "http://docs");
      const filter = url.searchParams.get("$filter");
      const key = `${req.method} ${url.pathname}${filter ? `?$filter=${filter}` : ""}`;
      sent.push(key);
      const reply = DOCUMENTED_REPLIES[key] ?? DOCUMENTED_REPLIES[`${req.method} ${url.pathname}`];
      req.resume().on("end", () => {
        if (!reply) return res.writeHead(500).end();
        res.writeHead(reply.status, reply.body === undefined ? {} : { "content-type": "application/json" });
        res.end(reply.body === undefined ? undefined : JSON.stringify(reply.body));
      });
    });
    await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
    afterAll(() => new Promise<void>((resolve) => server.close(() => resolve())));
    const { port } = server.address() as { port: number };
    // The token still comes from the emulator; the replies come from the docs.
    docs = await connectTo(emu, {
      ...urlsOf(emu),
      apiUrl: `http://127.0.0.1:${port}/api`,
      rateBudget: "off",
    });
  });
  afterAll(() => docs.close());
  beforeEach(() => void sent.splice(0));

  it("reads D4's list replies, legacy actions and the `source` spelling included", async () => {
    expect(await docs.indicators.list().toArray()).toEqual([D4_ITEM]);
    const filtered = await docs.indicators.list({ filter: "action eq 'AlertAndBlock'" }).toArray();
    expect(filtered).toEqual([D4_FILTERED]);
    expect((await docs.indicators.get(995)).indicatorValue).toBe("12.13.14.15");
    // D4 documents no $count: the count is the items'.
    expect(await docs.indicators.count()).toBe(1);
  });

  it("reads D2's submit reply, which has no id, as the entity", async () => {
    const entity = await docs.indicators.submit(SUBMIT);
    expect(entity).toMatchObject({ indicatorType: "FileSha1", action: "AlertAndBlock", rbacGroupNames: [] });
    expect(entity).not.toHaveProperty("@odata.context");
  });

  it("reads D3's import reply as one result per item", async () => {
    const results = await docs.indicators.import([SUBMIT, { ...SUBMIT, indicatorValue: "1".repeat(40) }]);
    expect(results.map((r) => [r.id, r.isFailed, r.failureReason])).toEqual([
      ["2841", false, null],
      ["2842", false, null],
    ]);
  });

  it("takes D5's and D6's 204 as done, and D9's error body as an HttpError naming code and target", async () => {
    await docs.indicators.batchDelete(["1", "2", "5"]);
    await docs.indicators.delete(995);
    expect(sent).toEqual(["POST /api/indicators/BatchDelete", "DELETE /api/indicators/995"]);
    const error = await docs.indicators.delete(994).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(HttpError);
    expect(error).toMatchObject({
      status: 404,
      code: "NotFound",
      serviceMessage: "Indicator 994 was not found",
      requestId: D9_TARGET,
    });
  });
});
