// Pure formatters: value in, string out. Nothing here prints or imports the client at run time.
export type { DisplayOptions, NormalizedDisplayOptions } from "./options.js";
export { normalizeDisplayOptions } from "./options.js";
export { formatTable } from "./table.js";
export { formatRecord } from "./record.js";
export { formatError, isErrorLike } from "./error.js";
export { formatValue } from "./value.js";
export { csvText, toCsv } from "./csv.js";
export { toJson } from "./json.js";
export { toHtml, escapeHtml } from "./html.js";
export { pp, type DisplayBundle, type Formatted, type HtmlDisplay } from "./pp.js";
export { formatVertical } from "./vertical.js";
export { isEntity } from "./columns.js";
export { stripAnsi, visibleWidth } from "./text.js";
export { SEVERITY_CSS } from "./colors.js";
