import type { Filter, PagedList } from "../http/index.js";
import type { EntitySetName, FactsBySet } from "../schema/index.js";
import { bulkUpload, checkEach, type BulkUploadOptions } from "./bulk-upload.js";
import type { ApiContext, CallOptions, GetOptions, ListOptions } from "./context.js";
import { checkOptions, OPTION_KEYS } from "./options.js";
import {
  countOp,
  createOp,
  deleteOp,
  getOp,
  listOp,
  prepare,
  updateOp,
  type ToWire,
  type WriteOptions,
} from "./operations.js";
import { setWhere, type FieldWhere } from "./where.js";

export type { ToWire, WriteOptions } from "./operations.js";

/** The operations both entity sets share. `T` is the entity, `I` the create input, `S` the set's name. */
export interface EntitySet<T, I, S extends EntitySetName> {
  /** A lazy list over every page: `for await`, `.byPage()`, `.toArray({ limit })`, or `await` for the first page. */
  list(options?: ListOptions): PagedList<T>;
  /** One entity by Id (accepts the plain and the `{value: [entity]}` reply). */
  /** `{ expand: "IndicatorsOfCompromise" }` or `{ select: ["Id", "Name"] }` shape the reply. */
  get(id: number, options?: GetOptions): Promise<T>;
  /** Validates against the schema (ValidationError before any request), then creates; resolves to the new entity. */
  create(input: I, options?: WriteOptions): Promise<T>;
  /** PATCHes only the given fields; resolves to the updated entity. */
  update(id: number, patch: Partial<I>, options?: WriteOptions): Promise<T>;
  /** Deletes by Id (deleting an alert definition also deletes its IOCs). */
  delete(id: number, options?: CallOptions): Promise<void>;
  /** Sets `Enabled: true`. */
  enable(id: number, options?: CallOptions): Promise<T>;
  /** Sets `Enabled: false`. */
  disable(id: number, options?: CallOptions): Promise<T>;
  /** How many entities match `filter` (all when omitted). */
  count(filter?: string | Filter, options?: CallOptions): Promise<number>;
  /** Validates every item, then uploads with Actions.BulkUpload in chunks of 5,000 (each chunk all or nothing). */
  bulkUpload(items: readonly I[], options?: BulkUploadOptions): Promise<T[]>;
  /** The filter helper typed from this set's field facts: `iocs.where.lt("ExpiresAt", "2030-01-01T00:00:00Z")`. */
  readonly where: FieldWhere<FactsBySet[S]>;
}

/**
 * The shared operations of one entity set, as plain functions (safe to destructure: no `this`).
 * @example const alerts = createEntitySet<AlertDefinition, AlertDefinitionInput, "AlertDefinitions">(ctx, "AlertDefinitions")
 */
export function createEntitySet<T, I, S extends EntitySetName>(
  ctx: ApiContext,
  set: S,
  toWire?: ToWire,
): EntitySet<T, I, S> {
  const scope = { ctx, set, toWire };
  // Each call refuses an option key it does not take before doing anything (a misspelt `fitler` lists everything).
  const checked = <O>(operation: string, keys: readonly string[], options: O): O => {
    checkOptions(set, operation, options, keys);
    return options;
  };
  return {
    where: setWhere(set),
    list: (options) => listOp<T>(scope, checked("list", OPTION_KEYS.list, options)),
    get: (id, options) => getOp<T>(scope, id, checked("get", OPTION_KEYS.get, options)),
    create: (input, options) => createOp<T>(scope, input, checked("create", OPTION_KEYS.write, options)),
    update: (id, patch, options) =>
      updateOp<T>(scope, id, patch, checked("update", OPTION_KEYS.write, options)),
    delete: (id, options) => deleteOp(scope, id, checked("delete", OPTION_KEYS.call, options)),
    enable: (id, options) =>
      updateOp<T>(scope, id, { Enabled: true }, checked("enable", OPTION_KEYS.call, options)),
    disable: (id, options) =>
      updateOp<T>(scope, id, { Enabled: false }, checked("disable", OPTION_KEYS.call, options)),
    count: (filter, options) => countOp(scope, filter, checked("count", OPTION_KEYS.call, options)),
    bulkUpload: async (items, options = {}) => {
      const write = checked("bulkUpload", OPTION_KEYS.bulkUpload, options);
      // Bodies bulk planning validated are sent as they are (see markChecked); every other item is checked.
      const bodies = checkEach(items, (item) => prepare(scope, item, "create", write), set);
      return bulkUpload<T>(ctx, set, bodies, options);
    },
  };
}
