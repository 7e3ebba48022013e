import { readdirSync, readFileSync } from "node:fs";
import { dirname, join, relative, resolve, sep } from "node:path";
import ts from "typescript";

/** One module reference in a source file, as TypeScript's parser sees it. */
export interface ImportRef {
  /** The specifier, or undefined when it is not a literal (a template with substitutions, a variable). */
  readonly spec: string | undefined;
  /** True when nothing of it survives compilation (`import type`, `export type`, `import("x").T`). */
  readonly typeOnly: boolean;
  /** How it was written: for messages. */
  readonly kind: "import" | "export" | "export *" | "dynamic import()" | "require()" | "import type node";
}

/**
 * Every module reference in a file, found by walking TypeScript's syntax tree: static imports and re-exports,
 * dynamic `import()` (a non-literal argument gives `spec: undefined`), `require()` and `import("x").T` types.
 * `export * from` and `export * as ns from` are kind "export *": the guard refuses them (doors list names).
 * With `verbatimModuleSyntax`, `import { type A } from "x"` still loads "x", so only a type-only clause counts.
 * @example importsOf('const m = await import(`./${name}.js`);') // [{ spec: undefined, ... }]
 */
export function importsOf(source: string, fileName = "file.ts"): ImportRef[] {
  const file = ts.createSourceFile(fileName, source, ts.ScriptTarget.Latest, false, ts.ScriptKind.TS);
  const found: ImportRef[] = [];
  const literal = (node: ts.Node | undefined) =>
    node && (ts.isStringLiteral(node) || ts.isNoSubstitutionTemplateLiteral(node)) ? node.text : undefined;
  const visit = (node: ts.Node): void => {
    if (ts.isImportDeclaration(node)) {
      const typeOnly = node.importClause?.isTypeOnly ?? false;
      found.push({ spec: literal(node.moduleSpecifier), typeOnly, kind: "import" });
    } else if (ts.isExportDeclaration(node) && node.moduleSpecifier) {
      const kind = !node.exportClause || ts.isNamespaceExport(node.exportClause) ? "export *" : "export";
      found.push({ spec: literal(node.moduleSpecifier), typeOnly: node.isTypeOnly, kind });
    } else if (ts.isImportEqualsDeclaration(node) && ts.isExternalModuleReference(node.moduleReference)) {
      const spec = literal(node.moduleReference.expression);
      found.push({ spec, typeOnly: node.isTypeOnly, kind: "require()" });
    } else if (ts.isImportTypeNode(node)) {
      const argument = ts.isLiteralTypeNode(node.argument) ? node.argument.literal : undefined;
      found.push({ spec: literal(argument), typeOnly: true, kind: "import type node" });
    } else if (ts.isCallExpression(node)) {
      const callee = node.expression;
      const isImport = callee.kind === ts.SyntaxKind.ImportKeyword;
      const isRequire = ts.isIdentifier(callee) && callee.text === "require";
      if (isImport || isRequire) {
        const kind = isImport ? "dynamic import()" : "require()";
        found.push({ spec: literal(node.arguments[0]), typeOnly: false, kind });
      }
    }
    ts.forEachChild(node, visit);
  };
  visit(file);
  return found;
}

/** What one part of `src/` may import: other parts (at run time or as types) and npm packages. */
export interface PartRule {
  readonly parts: readonly string[];
  readonly typeParts?: readonly string[];
  readonly packages?: readonly string[];
  readonly typePackages?: readonly string[];
}

/** The whole table: a rule per part, plus single files (paths under the root) allowed more than their part. */
export interface Layering {
  readonly packageName: string;
  readonly rules: Readonly<Record<string, PartRule>>;
  readonly fileExceptions?: Readonly<Record<string, Partial<PartRule>>>;
}

/** Every `.ts` file under a directory (declaration files excluded), as absolute paths. */
export function sourceFiles(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const path = join(dir, entry.name);
    if (entry.isDirectory()) return sourceFiles(path);
    return /\.(ts|mts|cts)$/.test(entry.name) && !/\.d\.[cm]?ts$/.test(entry.name) ? [path] : [];
  });
}

/** The part a path under the root belongs to: its first folder, or a top-level file's own name (`connect`). */
export function partOf(root: string, path: string): string | undefined {
  const rel = relative(root, path);
  if (rel.startsWith("..") || rel === "") return undefined;
  return rel.includes(sep) ? rel.split(sep)[0]! : rel.replace(/\.[cm]?[jt]s$/, "");
}

/** `undici` from `undici`, `@scope/pkg` from `@scope/pkg/sub`, `csv-parse` from `csv-parse/sync`. */
export function packageOf(spec: string): string {
  const segments = spec.split("/");
  return (spec.startsWith("@") ? segments.slice(0, 2) : segments.slice(0, 1)).join("/");
}

/** Why one reference breaks the table, or undefined when it is allowed. */
function problem(layering: Layering, root: string, file: string, ref: ImportRef): string | undefined {
  if (ref.spec === undefined) return `${ref.kind} with a non-literal specifier (the guard cannot read it)`;
  if (ref.kind === "export *") return "re-exports everything; a door names what it publishes";
  if (ref.spec.startsWith("node:")) return undefined;
  const from = partOf(root, file)!;
  const base = layering.rules[from];
  if (!base) return `part "${from}" is not in the table`;
  const extra = layering.fileExceptions?.[relative(root, file).split(sep).join("/")] ?? {};
  const rule = (key: keyof PartRule) => [...(base[key] ?? []), ...(extra[key] ?? [])];
  if (!ref.spec.startsWith(".")) {
    const name = packageOf(ref.spec);
    if (name === layering.packageName) return `imports its own package (${ref.spec}); use a relative path`;
    const allowed = [...rule("packages"), ...(ref.typeOnly ? rule("typePackages") : [])];
    return allowed.includes(name) ? undefined : `imports npm package "${name}", not allowed for ${from}`;
  }
  const to = partOf(root, resolve(dirname(file), ref.spec));
  if (to === undefined) return `reaches outside src (${ref.spec})`;
  if (to === from) return undefined;
  const allowed = [...rule("parts"), ...(ref.typeOnly ? rule("typeParts") : [])];
  if (allowed.includes(to)) return undefined;
  return `${from} may not import ${to}${ref.typeOnly ? " (even as a type)" : ""}`;
}

/**
 * Checks every source file under `root` against the table; one line per broken rule, empty when all hold.
 * @example checkLayering("src", layering) // ["display/error.ts: import ../http/index.js: display may not import http"]
 */
export function checkLayering(root: string, layering: Layering): string[] {
  return sourceFiles(root).flatMap((file) =>
    importsOf(readFileSync(file, "utf8"), file).flatMap((ref) => {
      const why = problem(layering, root, file, ref);
      const where = relative(root, file).split(sep).join("/");
      return why === undefined ? [] : [`${where}: ${ref.kind} ${ref.spec ?? "(non-literal)"}: ${why}`];
    }),
  );
}
