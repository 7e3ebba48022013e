import { readFile } from "node:fs/promises";
import { ConfigurationError } from "../errors/index.js";

/** Options of {@link loadScript}. */
export interface LoadScriptOptions {
  /** How the typescript package is loaded. Default: `import("typescript")`; a test names a missing package. */
  readonly loadTypeScript?: () => Promise<unknown>;
}

type TypeScript = typeof import("typescript");

// typescript is an optional peer dependency: only .ts scripts need it, so it is loaded on first use.
const importTypeScript = () => import("typescript");

/**
 * The code of a .js or .ts script, ready to evaluate: a shebang removed, TypeScript types stripped with
 * typescript's transpileModule (loaded only for .ts files; a ConfigurationError says what to install without it).
 * @example const code = await loadScript("triage.ts")
 */
export async function loadScript(path: string, options: LoadScriptOptions = {}): Promise<string> {
  const source = (await readFile(path, "utf8")).replace(/^#!.*/, "");
  if (!/\.[mc]?ts$/.test(path)) return source;
  const ts = await typescriptFor(path, options.loadTypeScript ?? importTypeScript);
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

/** TypeScript's compiler API: 5.x and 6.x have it; 7.x (the native compiler) ships no JavaScript API yet. */
const SUPPORTED = "typescript 5 or 6 (npm install --save-dev typescript@6)";

/** The typescript package, or a ConfigurationError naming what to install when it is missing or unusable. */
async function typescriptFor(path: string, load: () => Promise<unknown>): Promise<TypeScript> {
  let mod: unknown;
  try {
    mod = await load();
  } catch (error) {
    if ((error as { code?: unknown }).code !== "ERR_MODULE_NOT_FOUND") throw error;
    throw new ConfigurationError(
      `${path}: running a .ts script needs the "typescript" package, which is not installed. Install ` +
        `${SUPPORTED} beside ti-console (or globally for a global ti-console), or rename the script to .js.`,
      { cause: error },
    );
  }
  // typescript is CommonJS: under Node its namespace arrives as the default export.
  const ts = (mod as { default?: TypeScript }).default ?? (mod as TypeScript);
  if (typeof ts.transpileModule !== "function") {
    throw new ConfigurationError(
      `${path}: the installed typescript ${String(ts.version)} has no transpileModule; .ts scripts need ${SUPPORTED}.`,
    );
  }
  return ts;
}
