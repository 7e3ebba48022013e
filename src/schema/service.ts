/** The service root the docs' samples use. */
export const DEFAULT_API_URL = "https://ti.securitycenter.windows.com/V1.0";

/**
 * The two token audiences the docs use: the code samples ask for graph.windows.net, the REST reference for
 * graph.microsoft.com. The first is the default.
 */
export const DOCUMENTED_RESOURCES = ["https://graph.windows.net", "https://graph.microsoft.com"] as const;

/** The token audience asked for when none is configured. */
export const DEFAULT_RESOURCE = DOCUMENTED_RESOURCES[0];
