import {
  describeViolation,
  indicatorErrorCode,
  indicatorKey,
  validateIndicator,
  type IndicatorAccess,
} from "../../../schema/index.js";
import { ODataFailure } from "../../protocol/errors.js";
import type { Service } from "../../service.js";
import type { Change, Entity } from "../../store/store.js";
import { buildIndicator, SET, type Writer } from "./model.js";

/**
 * One submit or import call's view of the indicators: the upsert key index, and the writes made so far (applied
 * in one commit at the end, so an import of 500 costs one journal write, not 500).
 */
export class UpsertBatch {
  readonly #service: Service;
  readonly #access: IndicatorAccess;
  readonly #writer: Writer;
  readonly #byKey = new Map<string, number>();
  readonly #pending = new Map<number, Entity>();
  readonly #changes: Change[] = [];
  #added = 0;

  constructor(service: Service, access: IndicatorAccess, writer: Writer) {
    this.#service = service;
    this.#access = access;
    this.#writer = writer;
    for (const entity of service.store.all(SET)) this.#byKey.set(indicatorKey(entity), entity.Id);
  }

  /**
   * Validates one item and creates or updates the indicator it names (by body `id`, else by value, type and
   * action); throws the 4xx {@link ODataFailure} that refuses it. Nothing is stored until {@link commit}.
   * @example batch.upsert(body).Id // 7
   */
  upsert(input: unknown): Entity {
    const { body, errors } = validateIndicator(input, { nowMs: this.#service.now() });
    if (errors.length > 0) {
      const message = errors.map(describeViolation).join("; ");
      throw new ODataFailure(400, indicatorErrorCode(errors, body["indicatorType"]), message);
    }
    const key = indicatorKey(body);
    const existing = this.#target(body, key);
    if (existing) this.#checkWritable(existing);
    else this.#checkCap();
    const id = existing?.Id ?? this.#service.store.allocateIds(SET, 1);
    const entity = buildIndicator(body, id, existing, this.#writer);
    if (existing) this.#byKey.delete(indicatorKey(existing));
    else this.#added++;
    this.#byKey.set(key, id);
    this.#pending.set(id, entity);
    this.#changes.push({ op: "put", set: SET, entity });
    return entity;
  }

  /** Stores every accepted item at once (durably, with `--state`). */
  commit(): void {
    this.#service.store.commit(this.#changes);
  }

  #get(id: number): Entity | undefined {
    return this.#pending.get(id) ?? this.#service.store.get(SET, id);
  }

  /** The indicator an item updates: the one its `id` names, else the one with its key; undefined for a new one. */
  #target(body: Readonly<Record<string, unknown>>, key: string): Entity | undefined {
    const byKey = this.#byKey.get(key);
    if (body["id"] === undefined) return byKey === undefined ? undefined : this.#get(byKey);
    const id = Number(body["id"]);
    const named = this.#get(id);
    if (!named || !this.#sees(named))
      throw new ODataFailure(404, "ResourceNotFound", `Indicator ${id} does not exist`);
    if (byKey !== undefined && byKey !== id) {
      throw new ODataFailure(
        400,
        "InvalidRequestBody",
        `id: "${id}" cannot take this indicatorValue, indicatorType and action: indicator ${byKey} already has them`,
      );
    }
    return named;
  }

  #sees(entity: Entity): boolean {
    return this.#access.read === "all" || entity["createdBy"] === this.#writer.appId;
  }

  #checkWritable(existing: Entity): void {
    if (this.#access.writeAll || existing["createdBy"] === this.#writer.appId) return;
    throw new ODataFailure(
      403,
      "Forbidden",
      `Indicator ${existing.Id} (same indicatorValue, indicatorType and action) was created by another app; updating it needs Ti.ReadWrite.All`,
    );
  }

  #checkCap(): void {
    const cap = this.#service.settings.indicatorCap;
    if (this.#service.store.count(SET) + this.#added < cap) return;
    throw new ODataFailure(
      400,
      "InvalidRequestBody",
      `The tenant has ${cap} active indicators, the most allowed (increases are not supported); delete some first`,
    );
  }
}
