import { ConfigurationError } from "../errors/index.js";

/** What chart() uses of vega and vega-lite. */
interface Vega {
  parse(spec: unknown): unknown;
  View: new (
    runtime: unknown,
    options: { renderer: "none" },
  ) => { toSVG(): Promise<string>; finalize(): void };
}
interface VegaLite {
  compile(spec: unknown): { spec: unknown };
}

let loaded: Promise<{ vega: Vega; vegaLite: VegaLite }> | undefined;

// Optional peers: the library runs without them, and only chart() needs them, so they load on first use.
async function load(): Promise<{ vega: Vega; vegaLite: VegaLite }> {
  try {
    const [vega, vegaLite] = await Promise.all([import("vega"), import("vega-lite")]);
    return { vega: vega as unknown as Vega, vegaLite: vegaLite as unknown as VegaLite };
  } catch (error) {
    if ((error as { code?: unknown }).code !== "ERR_MODULE_NOT_FOUND") throw error;
    throw new ConfigurationError(
      "chart() needs the optional packages vega and vega-lite, which are not installed: npm install vega vega-lite",
      { cause: error },
    );
  }
}

/**
 * A Vega-Lite spec rendered to an SVG document in Node (no browser, no canvas).
 * @example const svg = await renderSvg({ mark: "bar", data: { values: [] } })
 */
export async function renderSvg(spec: Record<string, unknown>): Promise<string> {
  // A failed load is not kept: installing the packages and calling again works without a restart.
  const modules = await (loaded ??= load().catch((error: unknown) => {
    loaded = undefined;
    throw error;
  }));
  const view = new modules.vega.View(modules.vega.parse(modules.vegaLite.compile(spec).spec), {
    renderer: "none",
  });
  try {
    return await view.toSVG();
  } finally {
    view.finalize();
  }
}
