import { beforeEach, describe, expect, it } from "vitest";
import { startTestEmulator } from "../../helpers/emulator.js";
import { resetEmulator } from "../support.js";
import { indicatorBody, indicatorCaller, indicatorToken } from "./support.js";

const ALL = "00000000-0000-4000-8000-0000000a11a1";
const OTHER = "00000000-0000-4000-8000-00000000b0b0";
const READER = "00000000-0000-4000-8000-0000000read0";
const NOBODY = "00000000-0000-4000-8000-00000000ne00";
const emulator = await startTestEmulator({
  clientRoles: {
    [ALL]: ["Ti.ReadWrite.All"],
    [OTHER]: ["Ti.ReadWrite"],
    [READER]: ["Ti.Read.All"],
    [NOBODY]: [],
  },
});
const mine = indicatorCaller(emulator);
const other = indicatorCaller(emulator, { clientId: OTHER });
const all = indicatorCaller(emulator, { clientId: ALL });
const reader = indicatorCaller(emulator, { clientId: READER });
const nobody = indicatorCaller(emulator, { clientId: NOBODY });
beforeEach(() => resetEmulator(emulator));

const ids = async (call: typeof mine) =>
  (await call("GET", "/api/indicators")).json.value.map((i: any) => i.id);

describe("roles and visibility (ti-api.md Part 5)", () => {
  it("puts each client's roles in its token, Ti.ReadWrite when the emulator is told nothing", async () => {
    const roles = async (clientId?: string) => {
      const token = await indicatorToken(emulator, clientId === undefined ? {} : { clientId });
      return JSON.parse(Buffer.from(token.split(".")[1]!, "base64url").toString("utf8")).roles;
    };
    expect(await roles()).toEqual(["Ti.ReadWrite"]);
    expect(await roles(ALL)).toEqual(["Ti.ReadWrite.All"]);
    expect(await roles(NOBODY)).toEqual([]);
  });

  it("lists only its own indicators with Ti.ReadWrite, and all of them with Ti.ReadWrite.All or Ti.Read.All", async () => {
    await mine("POST", "/api/indicators", { body: indicatorBody() });
    await other("POST", "/api/indicators", { body: indicatorBody({ indicatorValue: "1".repeat(40) }) });
    expect(await ids(mine)).toEqual(["1"]);
    expect(await ids(other)).toEqual(["2"]);
    expect(await ids(all)).toEqual(["1", "2"]);
    expect(await ids(reader)).toEqual(["1", "2"]);
  });

  it("answers 404 when an app deletes an indicator it cannot see, and lets Ti.ReadWrite.All delete it", async () => {
    await mine("POST", "/api/indicators", { body: indicatorBody() });
    expect((await other("DELETE", "/api/indicators/1")).status).toBe(404);
    const batch = await other("POST", "/api/indicators/BatchDelete", { body: { IndicatorIds: ["1"] } });
    expect(batch.status).toBe(404);
    expect((await all("DELETE", "/api/indicators/1")).status).toBe(204);
  });

  it("refuses with 403 an update of another app's indicator without Ti.ReadWrite.All, and never duplicates it", async () => {
    await mine("POST", "/api/indicators", { body: indicatorBody() });
    const r = await other("POST", "/api/indicators", { body: indicatorBody({ title: "taken over" }) });
    expect(r.status).toBe(403);
    expect(r.json.error.message).toMatch(/created by another app; updating it needs Ti.ReadWrite.All/);
    const updated = await all("POST", "/api/indicators", { body: indicatorBody({ title: "by admin" }) });
    expect([updated.status, updated.json.id, updated.json.title]).toEqual([200, "1", "by admin"]);
    expect(updated.json.lastUpdatedBy).toBe(ALL);
    expect(await ids(all)).toEqual(["1"]);
  });

  it("lets Ti.Read.All read but not write, and a token with no role do nothing (403 Forbidden)", async () => {
    const write = await reader("POST", "/api/indicators", { body: indicatorBody() });
    expect([write.status, write.json.error.code]).toEqual([403, "Forbidden"]);
    const list = await nobody("GET", "/api/indicators");
    expect([list.status, list.json.error.code]).toEqual([403, "Forbidden"]);
  });

  it("updates the indicator a body id names, and refuses an id that would duplicate another's key", async () => {
    await mine("POST", "/api/indicators", { body: indicatorBody() });
    await mine("POST", "/api/indicators", { body: indicatorBody({ action: "Block" }) });
    const moved = await mine("POST", "/api/indicators", { body: indicatorBody({ id: "1", action: "Warn" }) });
    expect([moved.status, moved.json.id, moved.json.action]).toEqual([200, "1", "Warn"]);
    const clash = await mine("POST", "/api/indicators", { body: indicatorBody({ id: 1, action: "Block" }) });
    expect([clash.status, clash.json.error.message]).toEqual([
      400,
      'id: "1" cannot take this indicatorValue, indicatorType and action: indicator 2 already has them',
    ]);
    expect((await mine("POST", "/api/indicators", { body: indicatorBody({ id: "9" }) })).status).toBe(404);
  });
});
