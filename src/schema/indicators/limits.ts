/** One documented rate limit of an endpoint: calls per sliding minute and per sliding hour. */
export interface RateLimit {
  readonly perMinute: number;
  readonly perHour: number;
}

/** The endpoints of the Indicators API, as the rate limits and the emulator's stats name them. */
export const INDICATOR_ENDPOINTS = ["list", "submit", "delete", "import", "batchDelete"] as const;
export type IndicatorEndpoint = (typeof INDICATOR_ENDPOINTS)[number];

/**
 * The documented limits (D2-D6): list, submit and delete 100 per minute and 1,500 per hour; import and
 * BatchDelete 30 per minute (BatchDelete's page adds 1,500 per hour; import's says nothing, so the same is assumed).
 */
export const INDICATOR_RATE_LIMITS: Readonly<Record<IndicatorEndpoint, RateLimit>> = {
  list: { perMinute: 100, perHour: 1500 },
  submit: { perMinute: 100, perHour: 1500 },
  delete: { perMinute: 100, perHour: 1500 },
  import: { perMinute: 30, perHour: 1500 },
  batchDelete: { perMinute: 30, perHour: 1500 },
};

/** Active indicators per tenant; increases are not supported (D13). */
export const INDICATOR_CAP = 15_000;

/** Most indicators in one `POST /api/indicators/import` (D3). */
export const IMPORT_BATCH_MAX = 500;

/** Most ids in one `POST /api/indicators/BatchDelete` (D6). */
export const BATCH_DELETE_MAX = 500;

/** Largest `$top` of a list (D4). */
export const LIST_TOP_MAX = 10_000;

/** The array property of an import body: `{"Indicators": [...]}` (D3; names are case-sensitive). */
export const IMPORT_BODY_KEY = "Indicators";

/** The array property of a BatchDelete body: `{"IndicatorIds": ["1", "2"]}` (D6). */
export const BATCH_DELETE_BODY_KEY = "IndicatorIds";

/** Paths below the API root (`…/api`): the collection, import and BatchDelete. */
export const INDICATOR_PATHS = {
  collection: "indicators",
  import: "indicators/import",
  batchDelete: "indicators/BatchDelete",
} as const;
