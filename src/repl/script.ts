import { readFile } from "node:fs/promises";

/**
 * The code of a .js or .ts script, ready to evaluate: a shebang removed, TypeScript types stripped with
 * typescript's transpileModule (loaded only for .ts files).
 * @example const code = await loadScript("triage.ts")
 */
export async function loadScript(path: string): Promise<string> {
  const source = (await readFile(path, "utf8")).replace(/^#!.*/, "");
  if (!/\.[mc]?ts$/.test(path)) return source;
  const mod = await import("typescript");
  // typescript is CommonJS: under Node its namespace arrives as the default export.
  const ts = (mod as { default?: typeof mod }).default ?? mod;
  const out = ts.transpileModule(source, {
    fileName: path,
    compilerOptions: {
      target: ts.ScriptTarget.ES2022,
      module: ts.ModuleKind.ESNext,
      moduleDetection: ts.ModuleDetectionKind.Legacy,
      sourceMap: false,
    },
  });
  // A script is evaluated, not imported: an empty module marker would be a syntax error.
  return out.outputText.replace(/^export \{\};\s*$/m, "");
}
