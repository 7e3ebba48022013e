import { execFileSync } from "node:child_process";
import { readFileSync, statSync } from "node:fs";
import { fileURLToPath } from "node:url";
import { describe, expect, it } from "vitest";
import { nodeVersionProblem } from "../../src/bin/node-version.js";

const ROOT = fileURLToPath(new URL("../../", import.meta.url));
const bins = Object.entries(
  (JSON.parse(readFileSync(`${ROOT}package.json`, "utf8")) as { bin: Record<string, string> }).bin,
);

describe("the package's commands", () => {
  it.each(bins)("leaves %s executable after a build, runnable by its path", (name, path) => {
    const file = `${ROOT}${path}`;
    expect(statSync(file).mode & 0o111, `${path} has no execute bit`).not.toBe(0);
    expect(execFileSync(file, ["--help"], { encoding: "utf8" })).toContain(name);
  });

  it("names the Node.js it needs in one line on an older one, and accepts the tested lines", () => {
    expect(nodeVersionProblem("18.20.4", "ti-console")).toBe(
      "ti-console needs Node.js 20.19.0 or newer (the supported LTS lines are 22, 24 and 26); this is Node.js 18.20.4.",
    );
    expect(nodeVersionProblem("20.18.9", "ti-emulator")).toMatch(/^ti-emulator needs Node\.js 20\.19\.0/);
    for (const version of ["20.19.0", "22.23.5", "24.22.3", "26.12.1", "27.0.0"])
      expect(nodeVersionProblem(version, "ti-console")).toBeUndefined();
  });
});
