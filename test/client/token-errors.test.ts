import { createServer, type Server } from "node:http";
import { inspect } from "node:util";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { connect } from "../../src/connect.js";

// A secret with characters every encoding changes: space, slash, plus, equals, tilde, quote, percent.
const SECRET = "s3cr et/+=~'x%Q";
const CLIENT_ID = "11111111-2222-3333-4444-555555555555";

/** Every form in which a token endpoint could echo the secret back. */
const FORMS: Record<string, string> = {
  plain: SECRET,
  "percent-encoded": encodeURIComponent(SECRET),
  "percent-encoded, lower-case hex": encodeURIComponent(SECRET).replace(/%[0-9A-F]{2}/g, (m) =>
    m.toLowerCase(),
  ),
  "form-encoded (+ for space)": new URLSearchParams({ s: SECRET }).toString().slice(2),
  "base64 of id:secret (Basic header)": Buffer.from(`${CLIENT_ID}:${SECRET}`).toString("base64"),
  "base64 of the secret": Buffer.from(SECRET).toString("base64"),
  "JSON-escaped": JSON.stringify(SECRET).slice(1, -1),
};

/** What the loopback token endpoint answers next: a status, headers and a JSON body. */
let reply: { status: number; headers?: Record<string, string>; body: unknown } = { status: 401, body: {} };
let server: Server;
let authUrl: string;

beforeAll(async () => {
  server = createServer((req, res) => {
    req.resume();
    req.on("end", () => {
      res.writeHead(reply.status, { "content-type": "application/json", ...reply.headers });
      res.end(JSON.stringify(reply.body));
    });
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const address = server.address();
  authUrl = `http://127.0.0.1:${typeof address === "object" && address ? address.port : 0}/t/oauth2/token`;
});
afterAll(() => new Promise<void>((resolve) => server.close(() => resolve())));

async function authFailure(): Promise<unknown> {
  const error = await connect({
    authUrl,
    clientId: CLIENT_ID,
    clientSecret: SECRET,
    apiUrl: "http://127.0.0.1:9/V1.0",
    env: {},
    retry: { limit: 0 },
  }).catch((e: unknown) => e);
  expect(error).toMatchObject({ kind: "auth" });
  return error;
}

/** Everything a user could see of the error: message, inspect, JSON, and the whole cause chain. */
function views(error: unknown): string[] {
  const out: string[] = [];
  for (let e = error, depth = 0; e !== undefined && depth < 10; depth++) {
    out.push(String(e), inspect(e, { depth: 20 }), JSON.stringify(e) ?? "");
    out.push(String((e as { message?: unknown }).message), String((e as { code?: unknown }).code));
    e = (e as { cause?: unknown }).cause;
  }
  return out;
}

function expectNoForm(error: unknown) {
  for (const text of views(error)) {
    for (const [name, form] of Object.entries(FORMS)) {
      expect(text.toLowerCase(), `${name} in ${text}`).not.toContain(form.toLowerCase());
    }
  }
}

describe("a token endpoint that echoes the secret", () => {
  for (const [name, form] of Object.entries(FORMS)) {
    it(`never shows it ${name}, whichever field carries it`, async () => {
      reply = {
        status: 401,
        body: {
          error: `invalid_client ${form}`,
          error_description: `AADSTS7000215: bad secret ${form}`,
          error_uri: `https://login.example/error?secret=${form}`,
          error_codes: [7000215],
          trace_id: form,
        },
      };
      const error = await authFailure();
      expectNoForm(error);
      expect(String((error as Error).message)).toContain("invalid_client");
    });
  }

  it("never shows it in a rate-limited answer's cause", async () => {
    reply = {
      status: 429,
      headers: { "retry-after": "3600" },
      body: { error: { code: "TooMany", message: `slow down ${SECRET} ${FORMS["percent-encoded"]}` } },
    };
    expectNoForm(await authFailure());
  });
});

describe("a refused token request", () => {
  it("quotes Azure AD's sentence once, with no doubled full stop before the advice", async () => {
    reply = {
      status: 401,
      body: { error: "invalid_client", error_description: "AADSTS7000215: Invalid client secret provided." },
    };
    const error = await connect({ authUrl, clientId: CLIENT_ID, clientSecret: SECRET, apiUrl: authUrl }).then(
      () => undefined,
      (e: unknown) => e as Error,
    );
    expect(error?.message).toContain("Invalid client secret provided. Check the client id");
    expect(error?.message).not.toContain("..");
  });
});
