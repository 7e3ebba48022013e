import type { IndicatorAccess } from "../../../schema/index.js";
import type { Service } from "../../service.js";
import type { Writer } from "./model.js";

/** One authenticated, authorised request to the Indicators API, as its handlers see it. */
export interface IndicatorsRequest {
  readonly service: Service;
  readonly query: URLSearchParams;
  /** The parsed JSON body; undefined when empty. */
  readonly body: unknown;
  /** Scheme, host and port as the client addressed them. */
  readonly origin: string;
  /** The API root as the client addressed it, e.g. `http://127.0.0.1:4000/api`. */
  readonly apiBase: string;
  readonly url: URL;
  /** From `Prefer: odata.maxpagesize=N`. */
  readonly maxPageSize: number | undefined;
  readonly access: IndicatorAccess;
  /** The calling app and the time of the request. */
  readonly writer: Writer;
}
