import { readdirSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import ts from "typescript";
import { describe, expect, it } from "vitest";

const REPL = fileURLToPath(new URL("../../src/repl/", import.meta.url));

/** Property names starting with `_` that the console's code reads or writes (Node's private REPL fields). */
function privateMembers(file: string): string[] {
  const source = ts.createSourceFile(file, readFileSync(file, "utf8"), ts.ScriptTarget.Latest, true);
  const found: string[] = [];
  const visit = (node: ts.Node): void => {
    if (ts.isPropertyAccessExpression(node) && node.name.text.startsWith("_")) found.push(node.name.text);
    if (ts.isElementAccessExpression(node) && ts.isStringLiteral(node.argumentExpression))
      if (node.argumentExpression.text.startsWith("_")) found.push(node.argumentExpression.text);
    if (ts.isPropertySignature(node) && ts.isIdentifier(node.name) && node.name.text.startsWith("_"))
      found.push(node.name.text);
    ts.forEachChild(node, visit);
  };
  visit(source);
  return found.map((name) => `${file.slice(REPL.length)}: ${name}`);
}

describe("the console", () => {
  it("uses no private member of Node's REPL (they change between Node majors)", () => {
    const files = readdirSync(REPL, { recursive: true, encoding: "utf8" })
      .filter((f) => f.endsWith(".ts"))
      .map((f) => join(REPL, f));
    expect(files.flatMap(privateMembers)).toEqual([]);
  });

  it("never assigns readline's history or its size directly", () => {
    const files = readdirSync(REPL, { recursive: true, encoding: "utf8" }).filter((f) => f.endsWith(".ts"));
    const offending = files.filter((f) =>
      /\.(historySize|history)\s*=|history\.splice|\)\.eval\s*=/.test(readFileSync(join(REPL, f), "utf8")),
    );
    expect(offending).toEqual([]);
  });
});
