// Notebook helpers: what the notebooks show of the request log, as display bundles and rows. Pure functions.
export { serviceUrl } from "./service-url.js";
export { exchangeBundle, type ExchangeDisplayOptions } from "./exchange.js";
export { requestTimeline, type TimelineRow } from "./timeline.js";
