import { inspect } from "node:util";
import { writeFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { parseCliArgs } from "../../src/repl/args.js";
import { readDotEnv, resolveConfig } from "../../src/repl/config.js";
import { historyPath } from "../../src/repl/history.js";
import { tempDir } from "../helpers/repl.js";

const none = parseCliArgs([]);

describe("resolveConfig", () => {
  it("prefers flags over the environment over .env", () => {
    const env = { TI_API_URL: "https://env/V1.0", TI_CLIENT_ID: "env-id", TI_CLIENT_SECRET: "s" };
    const dotEnv = {
      TI_API_URL: "https://dotenv/V1.0",
      TI_CLIENT_ID: "dot-id",
      TI_AUTH_URL: "https://dot/token",
    };
    const config = resolveConfig(parseCliArgs(["--client-id", "flag-id"]), env, dotEnv);
    expect(config.clientId).toBe("flag-id");
    expect(config.apiUrl).toBe("https://env/V1.0");
    expect(config.authUrl).toBe("https://dot/token");
  });

  it("uses the service when a client id and a secret are configured", () => {
    const env = { TI_CLIENT_ID: "id", TI_AUTH_URL: "https://login.windows.net/t/oauth2/token" };
    const config = resolveConfig(none, env, { TI_CLIENT_SECRET: "from-dotenv" });
    expect(config.mode).toBe("service");
    expect(config.clientSecret).toBe("from-dotenv");
  });

  it("uses the emulator without any TI_* setting, or when --emulator forces it", () => {
    expect(resolveConfig(none, { TI_HISTORY_FILE: "/tmp/h" }).mode).toBe("emulator");
    const forced = resolveConfig(parseCliArgs(["--emulator"]), { TI_CLIENT_ID: "id", TI_CLIENT_SECRET: "s" });
    expect(forced).toMatchObject({ mode: "emulator", reason: "--emulator" });
  });

  it("refuses an incomplete tenant configuration, naming what is missing", () => {
    const env = { TI_CLIENT_ID: "x", TI_AUTH_URL: "https://login.windows.net/t/oauth2/token" };
    expect(() => resolveConfig(none, env)).toThrow(
      "TI_CLIENT_ID, TI_AUTH_URL are set but TI_CLIENT_SECRET is missing",
    );
    expect(() => resolveConfig(none, {}, { TI_API_URL: "https://x/V1.0" })).toThrow(
      /TI_API_URL is set but TI_CLIENT_ID, TI_CLIENT_SECRET, TI_AUTH_URL are missing/,
    );
    expect(() => resolveConfig(parseCliArgs(["--client-id", "x"]), {})).toThrow(
      /TI_CLIENT_SECRET, TI_AUTH_URL/,
    );
  });

  it("never shows the secret when the config is inspected or spread", () => {
    const config = resolveConfig(none, {
      TI_CLIENT_ID: "id",
      TI_AUTH_URL: "https://a/t",
      TI_CLIENT_SECRET: "very-secret-value",
    });
    expect(inspect(config)).not.toContain("very-secret-value");
    expect(JSON.stringify({ ...config })).not.toContain("very-secret-value");
  });

  it("reads .env with Node's parser and ignores a missing file", () => {
    const dir = tempDir();
    expect(readDotEnv(dir)).toEqual({});
    writeFileSync(join(dir, ".env"), '# comment\nTI_CLIENT_ID=abc\nTI_CLIENT_SECRET="q w"\n');
    expect(readDotEnv(dir)).toEqual({ TI_CLIENT_ID: "abc", TI_CLIENT_SECRET: "q w" });
  });
});

describe("parseCliArgs", () => {
  it("reads the flags, --eval and a script", () => {
    expect(parseCliArgs(["--api-url", "u", "-e", "1"])).toMatchObject({ apiUrl: "u", eval: "1" });
    expect(parseCliArgs(["run.ts"]).script).toBe("run.ts");
  });

  it("refuses a secret flag and unknown options", () => {
    expect(() => parseCliArgs(["--client-secret=x"])).toThrow(/never a flag/);
    expect(() => parseCliArgs(["--nope"])).toThrow();
  });
});

describe("historyPath", () => {
  it("uses TI_HISTORY_FILE, then XDG_STATE_HOME, then ~/.local/state", () => {
    expect(historyPath({ TI_HISTORY_FILE: "/tmp/h" })).toBe("/tmp/h");
    expect(historyPath({ XDG_STATE_HOME: "/s" })).toBe("/s/ti-console/history");
    expect(historyPath({})).toMatch(/\.local\/state\/ti-console\/history$/);
  });
});
