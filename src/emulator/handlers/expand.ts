import type { EntitySetName } from "../../schema/index.js";
import type { Service } from "../service.js";
import type { Entity } from "../store/store.js";

/**
 * The navigation value of each entity of a page: an alert definition's IOCs (an array) or an IOC's alert
 * definition (an object, or null). One pass over the IOCs serves the whole page.
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
  const wanted = new Map<number, Entity[]>(page.map((d) => [d.Id, []]));
  for (const ioc of store.all("IndicatorsOfCompromise"))
    wanted.get(ioc["AlertDefinitionId"] as number)?.push(ioc);
  return page.map((d) => wanted.get(d.Id) ?? []);
}

/**
 * The IOCs bound to one alert definition, in Id order.
 * @example iocsOf(service, 1).length // 2
 */
export function iocsOf(service: Service, alertDefinitionId: number): Entity[] {
  const out: Entity[] = [];
  for (const ioc of service.store.all("IndicatorsOfCompromise")) {
    if (ioc["AlertDefinitionId"] === alertDefinitionId) out.push(ioc);
  }
  return out;
}
