import { PagedList } from "../http/index.js";
import type { IndicatorOfCompromise, IocInput } from "../schema/index.js";
import {
  call,
  entityUrl,
  fetchPage,
  type ApiContext,
  type CallOptions,
  type ListOptions,
} from "./context.js";
import { createEntitySet, type EntitySet } from "./entity-set.js";
import { checkId, toWireIoc } from "./validation.js";

/** What iocs.create takes: the documented fields plus `AlertDefinition: <Id>` (or the raw `@odata.bind`). */
export type IocCreateInput = IocInput & { AlertDefinition?: number; "AlertDefinition@odata.bind"?: string };

/** The `IndicatorsOfCompromise` entity set. */
export interface Iocs extends EntitySet<IndicatorOfCompromise, IocCreateInput, "IndicatorsOfCompromise"> {
  /** The IOCs of one alert definition (its `IndicatorsOfCompromise` navigation), lazily paged like list. */
  forAlert(alertId: number, options?: ListOptions): PagedList<IndicatorOfCompromise>;
  /** Moves IOC `iocId` to alert definition `alertId` (PUT on the `$ref` of its AlertDefinition). */
  move(iocId: number, alertId: number, options?: CallOptions): Promise<void>;
}

/**
 * The IOCs of a session.
 * @example await iocs.create({ Type: "Sha1", Value: "dead...", DetectionFunction: "Equals", AlertDefinition: 1 })
 */
export function createIocs(ctx: ApiContext): Iocs {
  return {
    ...createEntitySet<IndicatorOfCompromise, IocCreateInput, "IndicatorsOfCompromise">(
      ctx,
      "IndicatorsOfCompromise",
      toWireIoc,
    ),
    forAlert(alertId, options = {}) {
      const url = `${entityUrl(ctx, "AlertDefinitions", checkId(alertId, "alertId"))}/IndicatorsOfCompromise`;
      return new PagedList(
        (next, signal) => fetchPage<IndicatorOfCompromise>(ctx, url, options, next, signal),
        options.signal,
      );
    },
    async move(iocId, alertId, options = {}) {
      const url = `${entityUrl(ctx, "IndicatorsOfCompromise", checkId(iocId, "iocId"))}/AlertDefinition/$ref`;
      const body = { "@odata.id": entityUrl(ctx, "AlertDefinitions", checkId(alertId, "alertId")) };
      await call(ctx, { method: "PUT", url, body, signal: options.signal });
    },
  };
}
