import {
  buildQuery,
  errorForResponse,
  makePage,
  redactUrl,
  sameOrigin,
  type Clock,
  type HttpRequest,
  type HttpResponse,
  type ODataQuery,
  type Page,
  type Send,
} from "../http/index.js";
import { ConfigurationError } from "../errors/index.js";
import type { EntitySetName, Violation } from "../schema/index.js";
import type { Claims } from "./claims.js";

/** Receives a doubtful-but-accepted input (an unknown Category); the library itself never prints. */
export type WarningListener = (warning: Violation & { readonly message: string }) => void;

/** What every entity-set operation needs. */
export interface ApiContext {
  readonly send: Send;
  /** Service root without a trailing slash, e.g. `https://ti.securitycenter.windows.com/V1.0`. */
  readonly apiUrl: string;
  readonly clock: Clock;
  readonly onWarning: WarningListener;
  /**
   * Entities this session's creates have returned, while a read-back could still see them: a read-back after a
   * lost reply never adopts one of them, since each belongs to the call that got it.
   */
  readonly claimed: Claims;
}

/**
 * Marks an entity a call of this session got as that call's own (an entity without an Id has nothing to claim).
 * @example claim(ctx, "AlertDefinitions", created)
 */
export function claim(ctx: ApiContext, set: string, entity: unknown): void {
  ctx.claimed.add(set, entity);
}

/** Options every call takes. */
export interface CallOptions {
  readonly signal?: AbortSignal;
}

/** Options of `get`: which fields come back, and which navigation is expanded into the reply. */
export interface GetOptions extends CallOptions {
  readonly select?: string | readonly string[];
  readonly expand?: string | readonly string[];
}

/**
 * Sends and throws the HttpError of any status outside `ok` (default: any 2xx).
 * @example const res = await call(ctx, { method: "GET", url: entityUrl(ctx, "AlertDefinitions", 1) })
 */
export async function call(
  ctx: ApiContext,
  request: HttpRequest,
  ok?: (res: HttpResponse) => boolean,
): Promise<HttpResponse> {
  const response = await ctx.send(request);
  if (ok?.(response)) return response;
  const error = errorForResponse(request, response);
  if (error) throw error;
  return response;
}

/**
 * `{apiUrl}/{set}` or `{apiUrl}/{set}({id})`.
 * @example entityUrl(ctx, "AlertDefinitions", 2) // ".../V1.0/AlertDefinitions(2)"
 */
export function entityUrl(ctx: ApiContext, set: EntitySetName, id?: number): string {
  return id === undefined ? `${ctx.apiUrl}/${set}` : `${ctx.apiUrl}/${set}(${id})`;
}

/**
 * An entity with the OData annotations (`@odata.context`, `@odata.etag`) removed.
 * @example stripAnnotations({ "@odata.context": "...", Id: 1 }) // { Id: 1 }
 */
export function stripAnnotations<T>(data: unknown): T {
  if (typeof data !== "object" || data === null) return data as T;
  // Pages and uploads bring thousands of entities, usually without annotations: only those with one are copied.
  if (!hasAnnotation(data)) return data as T;
  // Copied key by key: a fifth of the cost of Object.fromEntries(Object.entries(...).filter(...)) per reply.
  const copy: Record<string, unknown> = {};
  for (const [key, value] of Object.entries(data)) if (!key.startsWith("@odata.")) copy[key] = value;
  return copy as T;
}

function hasAnnotation(data: object): boolean {
  for (const key in data) if (key.startsWith("@odata.")) return true;
  return false;
}

/**
 * The entity of a single-entity reply: plain, or wrapped in `{"value": [entity]}` as the docs' sample shows.
 * @example unwrapEntity({ value: [{ Id: 1 }] }) // { Id: 1 }
 */
export function unwrapEntity<T>(data: unknown): T {
  const value = (data as { value?: unknown } | null)?.value;
  return stripAnnotations<T>(Array.isArray(value) && value.length === 1 ? value[0] : data);
}

/** Options of a list: the OData query, a page-size preference and a signal. */
export interface ListOptions extends ODataQuery, CallOptions {
  /** Asks the service for pages of this size (`Prefer: odata.maxpagesize`); it may choose otherwise. */
  readonly pageSize?: number;
}

/**
 * Fetches one page of a collection: the first from `url` + query, later ones exactly at the server's next link
 * (which must stay on the API origin: the token never goes elsewhere).
 * @example const page = await fetchPage(ctx, entityUrl(ctx, "IndicatorsOfCompromise"), { top: 10 }, undefined, signal)
 */
export async function fetchPage<T>(
  ctx: ApiContext,
  url: string,
  options: ListOptions,
  nextLink: string | undefined,
  signal: AbortSignal | undefined,
): Promise<Page<T>> {
  const target =
    nextLink === undefined ? `${url}${buildQuery(options)}` : new URL(nextLink, `${url}/`).toString();
  if (!sameOrigin(target, ctx.apiUrl)) {
    throw new ConfigurationError(
      `The service's next link ${redactUrl(target)} leaves the API origin; not following it`,
    );
  }
  const headers: Record<string, string> =
    options.pageSize === undefined ? {} : { prefer: `odata.maxpagesize=${options.pageSize}` };
  const { data } = await call(ctx, { method: "GET", url: target, headers, signal });
  const body = (data ?? {}) as Record<string, unknown>;
  const items = Array.isArray(body["value"]) ? body["value"].map((item) => stripAnnotations<T>(item)) : [];
  const link = body["@odata.nextLink"];
  const count = body["@odata.count"];
  return makePage(items, {
    nextLink: typeof link === "string" ? link : undefined,
    count: typeof count === "number" ? count : undefined,
    entitySet: new URL(url).pathname.split("/").at(-1),
  });
}
