import type { AlertDefinition, AlertDefinitionInput } from "../schema/index.js";
import { call, entityUrl, type ApiContext, type CallOptions } from "./context.js";
import { createEntitySet, type EntitySet } from "./entity-set.js";
import { checkId } from "./validation.js";

/** The `AlertDefinitions` entity set. */
export interface Alerts extends EntitySet<AlertDefinition, AlertDefinitionInput, "AlertDefinitions"> {
  /** Deletes every IOC of alert definition `id`, keeping the definition (the Actions.DeleteIOCs action). */
  deleteIocs(id: number, options?: CallOptions): Promise<void>;
}

/**
 * The alert definitions of a session.
 * @example await alerts.create({ Name: "n", Severity: "Low", Title: "t", UxDescription: "u", Category: "Trojan" })
 */
export function createAlerts(ctx: ApiContext): Alerts {
  return {
    ...createEntitySet<AlertDefinition, AlertDefinitionInput, "AlertDefinitions">(ctx, "AlertDefinitions"),
    async deleteIocs(id, options = {}) {
      const url = `${entityUrl(ctx, "AlertDefinitions", checkId(id))}/Actions.DeleteIOCs`;
      // Deleting what is already deleted changes nothing, so this action may be re-sent freely.
      await call(ctx, { method: "POST", url, idempotent: true, signal: options.signal });
    },
  };
}
