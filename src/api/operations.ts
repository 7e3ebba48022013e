import { buildQuery, PagedList, type Filter, type HttpResponse } from "../http/index.js";
import { HttpError } from "../errors/index.js";
import type { EntitySetName, Violation } from "../schema/index.js";
import {
  call,
  claim,
  entityUrl,
  fetchPage,
  unwrapEntity,
  type ApiContext,
  type CallOptions,
  type GetOptions,
  type ListOptions,
  type WarningListener,
} from "./context.js";
import { createdReadBack, patchedReadBack } from "./readback.js";
import { checkBody, checkId } from "./validation.js";

/** Options of create and update: a signal and a per-call warning listener (unknown Category). */
export interface WriteOptions extends CallOptions {
  readonly onWarning?: WarningListener;
}

/** Turns a create input into the body to validate and send (the IOC set maps `AlertDefinition` to the bind). */
export type ToWire = (
  input: unknown,
  mode: "create" | "update",
) => { body: unknown; violations: Violation[] };

/** One entity set's identity: the context, the set's name and its input mapping. */
export interface SetScope {
  readonly ctx: ApiContext;
  readonly set: EntitySetName;
  readonly toWire?: ToWire | undefined;
}

/**
 * The validated wire body of a create or update; throws a ValidationError before any request.
 * @example const body = prepare(scope, { Name: "n", ... }, "create")
 */
export function prepare(
  scope: SetScope,
  input: unknown,
  mode: "create" | "update",
  options: WriteOptions = {},
) {
  const wire = scope.toWire ? scope.toWire(input, mode) : { body: input, violations: [] };
  const onWarning = options.onWarning ?? scope.ctx.onWarning;
  return checkBody(scope.set, wire.body, mode, onWarning, wire.violations, scope.ctx.clock.now());
}

/**
 * A lazy list of the set (or of a navigation URL below it).
 * @example for await (const ioc of listOp(scope, { filter: "Enabled eq true" })) ...
 */
export function listOp<T>({ ctx, set }: SetScope, options: ListOptions = {}, url = entityUrl(ctx, set)) {
  return new PagedList<T>((next, signal) => fetchPage<T>(ctx, url, options, next, signal), options.signal);
}

/**
 * GET by key, either reply shape; an empty `{"value": []}` is a 404 like any absent key.
 * @example await getOp(scope, 1)
 */
export async function getOp<T>({ ctx, set }: SetScope, id: number, options: GetOptions = {}): Promise<T> {
  const query = buildQuery({
    ...(options.select !== undefined ? { select: options.select } : {}),
    ...(options.expand !== undefined ? { expand: options.expand } : {}),
  });
  const url = `${entityUrl(ctx, set, checkId(id))}${query}`;
  const { data } = await call(ctx, { method: "GET", url, signal: options.signal });
  const value = (data as { value?: unknown } | null)?.value;
  if (Array.isArray(value) && value.length === 0) {
    const context = { method: "GET", url };
    throw new HttpError({
      status: 404,
      code: "ResourceNotFound",
      serviceMessage: `${set}(${id}) was not in the reply`,
      context,
    });
  }
  return unwrapEntity<T>(data);
}

/**
 * POST a validated body; an unknown outcome is read back before any re-send.
 * @example await createOp(scope, { Type: "Sha1", Value: "...", DetectionFunction: "Equals", AlertDefinition: 1 })
 */
export async function createOp<T>(scope: SetScope, input: unknown, options: WriteOptions = {}): Promise<T> {
  const { ctx, set } = scope;
  const body = prepare(scope, input, "create", options);
  const sentAtMs = ctx.clock.now();
  // In flight, its read-back may run: claims it could still adopt are kept until it settles.
  const settled = ctx.claimed.begin(sentAtMs);
  try {
    const readBack = createdReadBack(ctx, set, body, sentAtMs);
    const res = await call(ctx, {
      method: "POST",
      url: entityUrl(ctx, set),
      body,
      signal: options.signal,
      readBack,
    });
    const entity = unwrapEntity<T>(res.data);
    // What this call got is its own: no other call's read-back may adopt it.
    claim(ctx, set, entity);
    return entity;
  } finally {
    settled();
  }
}

/**
 * PATCH only the given fields; an unknown outcome is read back; a 204 reply is followed by a GET.
 * @example await updateOp(scope, 1, { Enabled: false })
 */
export async function updateOp<T>(scope: SetScope, id: number, patch: unknown, options: WriteOptions = {}) {
  const { ctx, set } = scope;
  const url = entityUrl(ctx, set, checkId(id));
  const body = prepare(scope, patch, "update", options);
  const readBack = patchedReadBack(ctx, set, id, body);
  const res = await call(ctx, { method: "PATCH", url, body, signal: options.signal, readBack });
  return res.data === undefined
    ? getOp<T>(scope, id, options.signal ? { signal: options.signal } : {})
    : unwrapEntity<T>(res.data);
}

/**
 * DELETE by key.
 * @example await deleteOp(scope, 1)
 */
export async function deleteOp({ ctx, set }: SetScope, id: number, options: CallOptions = {}): Promise<void> {
  const url = entityUrl(ctx, set, checkId(id));
  // A 404 counts as done only when an earlier attempt may have deleted it (its reply was lost); after a 503 the
  // earlier attempt was not applied, so the 404 means the Id never existed.
  const goneAfterRetry = (res: HttpResponse) => res.status === 404 && res.outcomeUnknown === true;
  await call(ctx, { method: "DELETE", url, signal: options.signal }, goneAfterRetry);
}

/**
 * How many entities match: the `/$count` segment, or (for a service without it) `$count=true&$top=0`.
 * @example await countOp(scope, "Severity eq 'High'")
 */
export async function countOp(
  scope: SetScope,
  filter?: string | Filter,
  options: CallOptions = {},
): Promise<number> {
  const { ctx, set } = scope;
  const text = filter === undefined ? "" : String(filter).trim();
  const query = text === "" ? "" : `?$filter=${encodeURIComponent(text)}`;
  const url = `${entityUrl(ctx, set)}/$count${query}`;
  const res = await call(ctx, { method: "GET", url, signal: options.signal }, (r) => r.status === 404);
  const count =
    res.status === 404 ? Number.NaN : Number(typeof res.data === "string" ? res.data.trim() : res.data);
  if (Number.isFinite(count)) return count;
  const page = await listOp(scope, { ...(text ? { filter: text } : {}), count: true, top: 0, ...options });
  if (page.count !== undefined) return page.count;
  throw new HttpError({
    status: res.status,
    context: { method: "GET", url },
    message: `GET ${url} gave no count`,
  });
}
