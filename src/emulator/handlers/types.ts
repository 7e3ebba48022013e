import type { TokenClaims } from "../auth/jwt.js";
import type { Route } from "../protocol/route.js";
import type { Service } from "../service.js";

/** One authenticated API request, parsed by the protocol layer. */
export interface ApiRequest {
  readonly method: string;
  readonly route: Route;
  readonly query: URLSearchParams;
  /** The parsed JSON body; undefined when empty. */
  readonly body: unknown;
  /** Scheme, host and port as the client addressed them, e.g. `http://127.0.0.1:4000`. */
  readonly origin: string;
  /** Service root as the client addressed it, e.g. `http://127.0.0.1:4000/V1.0`. */
  readonly apiBase: string;
  /** The request URL as the client sent it (path and query), for next links. */
  readonly url: URL;
  /** `Accept: application/json;odata.metadata=none` asks for no `@odata.context`. */
  readonly metadataNone: boolean;
  /** From `Prefer: odata.maxpagesize=N`. */
  readonly maxPageSize: number | undefined;
  readonly claims: TokenClaims;
}

/** What a handler answers; the protocol layer serialises it. */
export type ApiReply =
  | { readonly status: number; readonly json: unknown; readonly headers?: Record<string, string> }
  | { readonly status: number; readonly text: string; readonly contentType: string }
  | { readonly status: 204; readonly headers?: Record<string, string> };

/** A handler of one route kind. */
export type Handler = (service: Service, request: ApiRequest) => ApiReply;
