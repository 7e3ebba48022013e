import { connect } from "node:net";
import { setTimeout as sleep } from "node:timers/promises";
import { describe, expect, it } from "vitest";
import { startTestEmulator } from "../helpers/emulator.js";
import { rawRequest } from "./raw.js";
import { caller, definitionBody } from "./support.js";

const lines: string[] = [];
const emu = await startTestEmulator({
  bodyBudgetBytes: 1024 * 1024,
  headersTimeoutMs: 200,
  requestTimeoutMs: 400,
  onLog: (line) => lines.push(line),
});
const call = caller(emu);

/** Opens a socket, writes `text`, and resolves with what the server sent once it closes the connection. */
function sendAndWaitForClose(text: string, destroyAfterWrite = false): Promise<string> {
  const { hostname, port } = new URL(emu.url);
  return new Promise((resolve, reject) => {
    const socket = connect(Number(port), hostname, () => {
      socket.write(text);
      if (destroyAfterWrite) socket.destroy();
    });
    let received = "";
    socket.on("data", (chunk) => (received += chunk.toString("utf8")));
    socket.on("close", () => resolve(received));
    socket.on("error", reject);
  });
}

describe("request limits", { timeout: 20_000 }, () => {
  it("caps token-endpoint bodies far below the API's (413 without reading a 15 MB form)", async () => {
    const r = await rawRequest(emu.url, {
      method: "POST",
      path: `/${emu.tenantId}/oauth2/token`,
      headers: { "content-type": "application/x-www-form-urlencoded" },
      body: `client_secret=${"x".repeat(200_000)}`,
    });
    expect(r.status).toBe(413);
  });

  it("drops a connection whose headers never finish, and one whose body never finishes", async () => {
    const headers = await sendAndWaitForClose("GET /V1.0/AlertDefinitions HTTP/1.1\r\nHost: 127.0.0.1\r\n");
    expect(headers).toMatch(/^HTTP\/1\.1 408|^$/);
    const body = await sendAndWaitForClose(
      `POST /${emu.tenantId}/oauth2/token HTTP/1.1\r\nHost: 127.0.0.1\r\n` +
        "Content-Type: application/x-www-form-urlencoded\r\nContent-Length: 100\r\n\r\ngrant_type=",
    );
    expect(body).toMatch(/^HTTP\/1\.1 408|^$/);
  });

  it("answers deeply nested JSON with 400, not a 500", async () => {
    const deep = `{"Name":${"[".repeat(5000)}${"]".repeat(5000)}}`;
    const r = await call("POST", "/V1.0/AlertDefinitions", { body: deep });
    expect(r.status).toBe(400);
    expect(r.json.error.message).toMatch(/nested more than 32 levels/);
  });

  it("accepts only JSON media types in UTF-8 on API writes", async () => {
    const body = JSON.stringify(definitionBody());
    for (const type of [
      "text/plain",
      "application/x-www-form-urlencoded",
      "application/json; charset=iso-8859-1",
    ]) {
      const r = await call("POST", "/V1.0/AlertDefinitions", { body, headers: { "content-type": type } });
      expect([type, r.status]).toEqual([type, 415]);
    }
    const none = await rawRequest(emu.url, {
      method: "POST",
      path: "/V1.0/AlertDefinitions",
      headers: { authorization: `Bearer ${"x"}` },
      body,
    });
    expect(none.status).toBe(401);
    for (const type of ["application/json; charset=UTF-8", "application/json;odata.metadata=minimal"]) {
      const r = await call("POST", "/V1.0/AlertDefinitions", { body, headers: { "content-type": type } });
      expect([type, r.status]).toEqual([type, 201]);
    }
  });

  it("logs a client that hangs up mid-body as no-reply, not as an internal error", async () => {
    const token = (await call("GET", "/V1.0/AlertDefinitions")).status;
    expect(token).toBe(200);
    const before = lines.length;
    await sendAndWaitForClose(
      "POST /_emulator/reset HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Type: application/json\r\nContent-Length: 100\r\n\r\n{",
      true,
    );
    while (!lines.slice(before).some((line) => line.includes("POST /_emulator/reset no-reply")))
      await sleep(10);
    expect(lines.filter((line) => line.startsWith("internal error"))).toEqual([]);
  });
});
