import type { IndicatorEndpoint } from "../../../schema/index.js";
import { invalidBody, methodNotAllowed, pathNotFound } from "../../protocol/errors.js";

/** A resolved path under `/api` (or `/api/v1.0`). */
export type IndicatorRoute =
  | { readonly kind: "collection" }
  | { readonly kind: "import" }
  | { readonly kind: "batchDelete" }
  | { readonly kind: "entity"; readonly id: number };

// `/api/indicators...`, optionally with the version segment (D10: omitting it gets the latest).
const PATH = /^\/api(?:\/v1\.0)?(\/.*)?$/i;

/**
 * True for paths the Indicators API serves (everything under `/api`), so the listener can hand them over.
 * @example isIndicatorsPath("/api/indicators") // true
 */
export function isIndicatorsPath(pathname: string): boolean {
  return PATH.test(pathname);
}

const ALLOWED: Readonly<Record<IndicatorRoute["kind"], readonly string[]>> = {
  collection: ["GET", "POST"],
  import: ["POST"],
  batchDelete: ["POST"],
  entity: ["DELETE"],
};

/**
 * Resolves a path under `/api` (segment names without regard to case, as the service treats them) and the method
 * to the route and the rate-limited endpoint; 404 NotFound for other paths, 405 with `Allow` for other methods,
 * 400 for an id that is not numeric.
 * @example resolveIndicatorRoute("/api/indicators/import", "POST") // { route: { kind: "import" }, endpoint: "import" }
 */
export function resolveIndicatorRoute(
  pathname: string,
  method: string,
): { route: IndicatorRoute; endpoint: IndicatorEndpoint } {
  const segments = (PATH.exec(pathname)?.[1] ?? "").replace(/\/$/, "").split("/").slice(1);
  const route = routeOf(segments, pathname);
  const allowed = ALLOWED[route.kind];
  if (!allowed.includes(method)) throw methodNotAllowed(method, allowed);
  const endpoint: IndicatorEndpoint =
    route.kind === "collection"
      ? method === "GET"
        ? "list"
        : "submit"
      : route.kind === "entity"
        ? "delete"
        : route.kind;
  return { route, endpoint };
}

function routeOf(segments: readonly string[], pathname: string): IndicatorRoute {
  const [first, second, ...rest] = segments;
  if (first?.toLowerCase() !== "indicators" || rest.length > 0) throw pathNotFound(pathname);
  if (second === undefined) return { kind: "collection" };
  const name = second.toLowerCase();
  if (name === "import") return { kind: "import" };
  if (name === "batchdelete") return { kind: "batchDelete" };
  if (!/^\d{1,15}$/.test(second))
    throw invalidBody(`The indicator id is numeric, e.g. /api/indicators/994; got ${second}`);
  return { kind: "entity", id: Number(second) };
}

/**
 * A short label for stats, e.g. `POST indicators/import`.
 * @example routeLabel("DELETE", { kind: "entity", id: 3 }) // "DELETE indicators(id)"
 */
export function indicatorRouteLabel(method: string, route: IndicatorRoute): string {
  switch (route.kind) {
    case "collection":
      return `${method} indicators`;
    case "import":
      return `${method} indicators/import`;
    case "batchDelete":
      return `${method} indicators/BatchDelete`;
    case "entity":
      return `${method} indicators(id)`;
  }
}
