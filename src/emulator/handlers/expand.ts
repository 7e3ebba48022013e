import type { EntitySetName } from "../../schema/index.js";
import type { Service } from "../service.js";
import type { Entity } from "../store/store.js";

/**
 * The navigation value of each entity of a page: an alert definition's IOCs (an array) or an IOC's alert
 * definition (an object, or null). Each definition's IOCs come from the AlertDefinitionId index, not a scan.
 * @example expandAll(service, "AlertDefinitions", page)[0] // [ioc, ioc]
 */
export function expandAll(service: Service, set: EntitySetName, page: readonly Entity[]): unknown[] {
  const { store } = service;
  if (set === "IndicatorsOfCompromise") {
    return page.map((ioc) => {
      const parent = store.get("AlertDefinitions", ioc["AlertDefinitionId"] as number);
      return parent ? { ...parent } : null;
    });
  }
  return page.map((d) => iocsOf(service, d.Id));
}

/**
 * The IOCs bound to one alert definition, in Id order.
 * @example iocsOf(service, 1).length // 2
 */
export function iocsOf(service: Service, alertDefinitionId: number): Entity[] {
  const { store } = service;
  const ids = store.lookup("IndicatorsOfCompromise", "AlertDefinitionId", alertDefinitionId) ?? new Set();
  return [...ids].sort((a, b) => a - b).map((id) => store.get("IndicatorsOfCompromise", id) as Entity);
}
