import { readFile } from "node:fs/promises";
import type { REPLServer } from "node:repl";

/** The outcome of evaluating code in the console's context. */
export interface Evaluation {
  readonly ok: boolean;
  readonly value: unknown;
}

/**
 * Evaluates code in the REPL's context through its (wrapped) eval: top-level await works, errors are reported
 * as one line by the wrapper, and an incomplete input is reported as a syntax error.
 * @example const { ok, value } = await evaluate(server, "await alerts.list()")
 */
export function evaluate(server: REPLServer, code: string, file = "REPL"): Promise<Evaluation> {
  return new Promise((resolve) => {
    server.eval(`${code}\n`, server.context, file, (err, value) => {
      if (err) {
        const message = err.message || "Unexpected end of input";
        return resolve({ ok: false, value: new SyntaxError(`${file}: ${message}`) });
      }
      resolve({ ok: true, value });
    });
  });
}

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
