import { BulkUploadError, ValidationError } from "../errors/index.js";
import {
  BULK_UPLOAD_BODY_KEY,
  BULK_UPLOAD_MAX,
  describeViolation,
  type EntitySetName,
  type Violation,
} from "../schema/index.js";
import {
  call,
  claim,
  entityUrl,
  stripAnnotations,
  type ApiContext,
  type CallOptions,
  type WarningListener,
} from "./context.js";

/** Options of bulkUpload. */
export interface BulkUploadOptions extends CallOptions {
  /** Items per Actions.BulkUpload call. Default and maximum: 5,000 (the documented ceiling). */
  readonly chunkSize?: number;
  /** Called after each chunk with the number of items uploaded so far and the total. */
  readonly onProgress?: (done: number, total: number) => void;
  /** Receives warnings about accepted-but-doubtful items (an unknown Category). */
  readonly onWarning?: WarningListener;
}

/**
 * Uploads already-validated bodies in chunks. Each chunk is atomic on the service; a chunk whose outcome is
 * unknown is not re-sent (it may have landed). When a later chunk fails, a BulkUploadError tells how many items
 * the earlier chunks applied and holds what they created; when the first fails, its own error is thrown.
 * @example await bulkUpload(ctx, "IndicatorsOfCompromise", bodies, { chunkSize: 5000 })
 */
export async function bulkUpload<T>(
  ctx: ApiContext,
  set: EntitySetName,
  bodies: readonly Record<string, unknown>[],
  options: BulkUploadOptions,
): Promise<T[]> {
  const size = Math.max(1, Math.min(options.chunkSize ?? BULK_UPLOAD_MAX, BULK_UPLOAD_MAX));
  const created: T[] = [];
  for (let start = 0; start < bodies.length; start += size) {
    const chunk = bodies.slice(start, start + size);
    try {
      created.push(...(await uploadChunk<T>(ctx, set, chunk, options.signal)));
    } catch (error) {
      if (start === 0) throw error;
      throw new BulkUploadError({ uploaded: start, total: bodies.length, created, cause: error });
    }
    options.onProgress?.(start + chunk.length, bodies.length);
  }
  return created;
}

async function uploadChunk<T>(
  ctx: ApiContext,
  set: EntitySetName,
  chunk: readonly Record<string, unknown>[],
  signal: AbortSignal | undefined,
): Promise<T[]> {
  const url = `${entityUrl(ctx, set)}/Actions.BulkUpload`;
  const res = await call(ctx, { method: "POST", url, body: { [BULK_UPLOAD_BODY_KEY[set]]: chunk }, signal });
  const value = (res.data as { value?: unknown } | null)?.value;
  if (!Array.isArray(value)) return [];
  // What the upload created is its own: a single create's read-back must not adopt one of these.
  for (const item of value) claim(ctx, set, item);
  return value.map((item) => stripAnnotations<T>(item));
}

// Create bodies the shared schema has already passed, by set: frozen when marked, so unchanged since.
const passed = new WeakMap<object, EntitySetName>();

/**
 * Freezes `body`, the create body `validateEntity(set, …)` returned, and lets {@link checkEach} for `set` send it
 * without checking it again (bulk planning validates every row; a second pass cost as much as the first). A body
 * with a time-dependent field (`ExpiresAt`, warned about when past at sending) is checked again all the same.
 * @example const candidate = { ...row, body: markChecked("IndicatorsOfCompromise", result.body) }
 */
export function markChecked<B extends Record<string, unknown>>(set: EntitySetName, body: B): Readonly<B> {
  if (body["ExpiresAt"] === undefined || body["ExpiresAt"] === null) passed.set(Object.freeze(body), set);
  return body;
}

/**
 * Every item checked with `check` (an item {@link markChecked} for `set` is taken as it is); one ValidationError
 * naming each bad item's index, field, value and rule.
 * @example const bodies = checkEach(items, (item) => prepare(item, "create"), "IndicatorsOfCompromise")
 */
export function checkEach<R>(
  items: readonly unknown[],
  check: (item: unknown) => R,
  set?: EntitySetName,
): R[] {
  const violations: Violation[] = [];
  const checked = items.map((item, index) => {
    if (set !== undefined && typeof item === "object" && item !== null && passed.get(item) === set)
      return item as R;
    try {
      return check(item);
    } catch (error) {
      if (!(error instanceof ValidationError)) throw error;
      violations.push(...error.violations.map((v) => ({ ...v, field: `[${index}].${v.field}` })));
      return undefined as R;
    }
  });
  if (violations.length === 0) return checked;
  const shown = violations.slice(0, 20).map(describeViolation).join("; ");
  const more = violations.length > 20 ? `; and ${violations.length - 20} more` : "";
  throw new ValidationError(`Cannot upload: ${shown}${more}`, violations);
}
