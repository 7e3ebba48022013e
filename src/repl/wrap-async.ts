// The async wrapper of an entry with a top-level `await` (compile.ts decides when): its declarations hoisted to
// the context, its last expression returned, its lines and columns kept where it can.
import type { Node, Program } from "acorn";

interface Edit {
  readonly start: number;
  readonly end: number;
  readonly text: string;
}

/**
 * The entry as the body of an async function: `var` for every name the entry declares at top level (so a later entry may declare it again, as people do at
 * a prompt), the declarations turned into assignments, and the last expression returned.
 * @example wrapAsync(code, parse(code, options)) // "var a; (async () => {\nvoid (a = await f());\n})()"
 */
export function wrapAsync(code: string, program: Program): string {
  const names = new Set<string>();
  const edits: Edit[] = [];
  const text = (n: Node): string => code.slice(n.start, n.end);
  for (const statement of program.body) {
    if (statement.type === "VariableDeclaration") {
      const assignments = statement.declarations.flatMap((d) => {
        bindingNames(d.id).forEach((n) => names.add(n));
        if (d.init) return [`${text(d.id)} = ${text(d.init)}`];
        return statement.kind === "var" ? [] : [`${text(d.id)} = undefined`];
      });
      const replaced = assignments.length > 0 ? `void (${assignments.join(", ")});` : "";
      edits.push({ start: statement.start, end: statement.end, text: replaced });
    } else if (
      (statement.type === "FunctionDeclaration" || statement.type === "ClassDeclaration") &&
      statement.id
    ) {
      names.add(statement.id.name);
      edits.push({
        start: statement.start,
        end: statement.end,
        text: `${statement.id.name} = ${text(statement)};`,
      });
    }
  }
  const last = program.body.at(-1);
  let opening = "";
  if (last?.type === "ExpressionStatement") {
    const returned = returning(code, last);
    edits.push(...returned.edits);
    opening = returned.opening;
  }
  let body = code;
  for (const edit of edits.sort((a, b) => b.start - a.start)) {
    body = body.slice(0, edit.start) + edit.text + body.slice(edit.end);
  }
  const declared = names.size > 0 ? `var ${[...names].join(", ")}; ` : "";
  // One line before the body (WRAPPER_LINES): stack traces are mapped back to the entry's own lines.
  return `${declared}(async () => {${opening}\n${body}\n})()`;
}

/**
 * The last expression returned. Alone on its line, `; return (` goes at the end of the line before (or on the
 * wrapper's opening line), so an error in it keeps its line and column; otherwise it goes just before it. The `;`
 * ends a line before written without one: `return` on that same line would be a SyntaxError, not a new statement.
 */
function returning(code: string, last: Node & { expression: Node }): { edits: Edit[]; opening: string } {
  const expression = code.slice(last.expression.start, last.expression.end);
  const lineStart = code.lastIndexOf("\n", last.start - 1) + 1;
  const before = code.slice(code.lastIndexOf("\n", lineStart - 2) + 1, Math.max(lineStart - 1, 0));
  const close = { start: last.start, end: last.end, text: `${expression});` };
  if (code.slice(lineStart, last.start).trim() === "") {
    if (lineStart === 0) return { edits: [close], opening: " return (" };
    // Not after a line comment, which would swallow it.
    if (!before.includes("//"))
      return {
        edits: [{ start: lineStart - 1, end: lineStart - 1, text: "; return (" }, close],
        opening: "",
      };
  }
  return { edits: [{ start: last.start, end: last.end, text: `return (${expression});` }], opening: "" };
}

/** The names a binding pattern declares: `a`, `{ a, b: [c] }`, `...rest`, defaults. */
function bindingNames(pattern: Node): string[] {
  switch (pattern.type) {
    case "Identifier":
      return [(pattern as Node & { name: string }).name];
    case "ObjectPattern":
      return (pattern as Node & { properties: Node[] }).properties.flatMap((p) =>
        bindingNames(p.type === "Property" ? (p as Node & { value: Node }).value : p),
      );
    case "ArrayPattern":
      return (pattern as Node & { elements: (Node | null)[] }).elements.flatMap((e) =>
        e ? bindingNames(e) : [],
      );
    case "RestElement":
      return bindingNames((pattern as Node & { argument: Node }).argument);
    case "AssignmentPattern":
      return bindingNames((pattern as Node & { left: Node }).left);
    default:
      return [];
  }
}
