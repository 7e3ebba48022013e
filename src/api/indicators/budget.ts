import type { BudgetRule, HttpRequest } from "../../http/index.js";
import { INDICATOR_RATE_LIMITS, type IndicatorEndpoint } from "../../schema/index.js";

/**
 * The Indicators API's documented rate limits as a budget rule (list, submit and delete 100 per minute and 1,500
 * per hour; import and BatchDelete 30 per minute and 1,500 per hour), per origin and endpoint of the session's app.
 * `scale` shortens the windows as the emulator's `--rate-limit-scale` does (60: the minute is a second), for tests.
 * @example withRateBudget({ rule: indicatorBudgetRule(), clock })
 */
export function indicatorBudgetRule(scale = 1): BudgetRule {
  return (request) => {
    const endpoint = endpointOf(request);
    if (endpoint === undefined) return undefined;
    const { perMinute, perHour } = INDICATOR_RATE_LIMITS[endpoint];
    return {
      key: `${new URL(request.url).origin} ${endpoint}`,
      windows: [
        { limit: perMinute, ms: 60_000 / scale },
        { limit: perHour, ms: 3_600_000 / scale },
      ],
    };
  };
}

/** The rate-limited endpoint a request calls, from its method and the path after `/indicators`. */
function endpointOf(request: HttpRequest): IndicatorEndpoint | undefined {
  const match = /\/indicators(?:\/([^/?#]+))?\/?(?:[?#]|$)/i.exec(new URL(request.url).pathname);
  if (!match) return undefined;
  const rest = match[1]?.toLowerCase();
  if (rest === undefined) return request.method === "GET" ? "list" : "submit";
  if (rest === "import") return "import";
  if (rest === "batchdelete") return "batchDelete";
  return "delete";
}
