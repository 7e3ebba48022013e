import { createServer, type IncomingMessage, type Server } from "node:http";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startTestEmulator } from "../helpers/emulator.js";
import { ConfigurationError, HttpError } from "../../src/errors/index.js";
import type { Session } from "../../src/api/index.js";
import { connectTo } from "./support.js";

// A stand-in for service replies the emulator never gives: the docs' wrapped entity, redirects, foreign links.
const entity = {
  Id: 1,
  Name: "n",
  Severity: "Low",
  Title: "t",
  UxDescription: "u",
  Category: "Trojan",
  Enabled: true,
};
let odd: Server;
let elsewhere: Server;
let oddUrl: string;
let elsewhereUrl: string;
const elsewhereHits: IncomingMessage[] = [];
let session: Session;

function listen(server: Server): Promise<string> {
  return new Promise((resolve) =>
    server.listen(0, "127.0.0.1", () => {
      const address = server.address();
      resolve(`http://127.0.0.1:${typeof address === "object" && address ? address.port : 0}`);
    }),
  );
}

function reply(
  res: import("node:http").ServerResponse,
  status: number,
  body?: unknown,
  headers: Record<string, string> = {},
): void {
  res.writeHead(status, { "content-type": "application/json", ...headers });
  res.end(body === undefined ? undefined : JSON.stringify(body));
}

beforeAll(async () => {
  const emu = await startTestEmulator({ quiet: true });
  elsewhere = createServer((req, res) => {
    elsewhereHits.push(req);
    reply(res, 200, { value: [] });
  });
  elsewhereUrl = await listen(elsewhere);
  odd = createServer((req, res) => {
    req.resume();
    const path = req.url ?? "";
    if (path === "/V1.0/AlertDefinitions(1)" && req.method === "GET")
      return reply(res, 200, { value: [entity] });
    if (path === "/V1.0/AlertDefinitions(1)" && req.method === "PATCH") return reply(res, 204);
    if (path === "/V1.0/AlertDefinitions(3)") return reply(res, 200, { value: [] });
    if (path.startsWith("/V1.0/IndicatorsOfCompromise/$count"))
      return reply(res, 404, { error: { code: "NotFound" } });
    if (
      path.startsWith("/V1.0/IndicatorsOfCompromise?") &&
      path.includes("$count=true") &&
      path.includes("$top=0")
    ) {
      return reply(res, 200, { value: [], "@odata.count": 42 });
    }
    if (path === "/V1.0/AlertDefinitions(2)")
      return reply(res, 302, undefined, { location: `${elsewhereUrl}/V1.0/AlertDefinitions(2)` });
    if (path.startsWith("/V1.0/AlertDefinitions")) {
      return reply(res, 200, {
        value: [entity],
        "@odata.nextLink": `${elsewhereUrl}/V1.0/AlertDefinitions?$skiptoken=x`,
      });
    }
    reply(res, 404, { error: { code: "NotFound", message: "nothing here" } });
  });
  oddUrl = await listen(odd);
  session = await connectTo(emu, { apiUrl: `${oddUrl}/V1.0` });
});

afterAll(async () => {
  await session.close();
  for (const server of [odd, elsewhere]) {
    server.closeAllConnections();
    await new Promise((resolve) => server.close(resolve));
  }
});

describe("replies the emulator does not give", () => {
  it("accepts a single entity wrapped in value, as the docs' sample shows", async () => {
    expect(await session.alerts.get(1)).toEqual(entity);
  });

  it("counts through $count=true when the service has no /$count segment", async () => {
    expect(await session.iocs.count()).toBe(42);
  });

  it("treats an empty wrapped reply as a 404", async () => {
    await expect(session.alerts.get(3)).rejects.toMatchObject({ status: 404, code: "ResourceNotFound" });
  });

  it("reads the entity back when a PATCH answers 204 without a body", async () => {
    expect(await session.alerts.update(1, { Title: "t" })).toEqual(entity);
  });

  it("does not follow a redirect: it becomes an HttpError and the other origin sees nothing", async () => {
    const error = await session.alerts.get(2).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(HttpError);
    expect(error).toMatchObject({ status: 302 });
    expect((error as Error).message).toMatch(
      /redirected to http:\/\/127\.0\.0\.1:\d+\/V1\.0\/AlertDefinitions\(2\)/,
    );
    expect(elsewhereHits).toHaveLength(0);
  });

  it("refuses a next link that leaves the API origin, so the token never goes there", async () => {
    const first = await session.alerts.list();
    expect(first).toHaveLength(1);
    await expect(session.alerts.list().toArray()).rejects.toBeInstanceOf(ConfigurationError);
    expect(elsewhereHits).toHaveLength(0);
  });
});
