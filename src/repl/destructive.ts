import type { CallOptions } from "../api/index.js";
import type { BulkAlerts, BulkIocs } from "../bulk/index.js";
import type { AlertDefinition, IndicatorOfCompromise } from "../schema/index.js";
import { count } from "./bulk/describe.js";
import { askBeforeWriting } from "./confirm.js";
import type { ReplState } from "./types.js";

/** The options of a call the console asks about first: `{ confirm: true }` goes ahead without a question. */
export type ConfirmedCallOptions = CallOptions & { readonly confirm?: boolean };

/** A call that asks first: it resolves to undefined when the answer is No. */
type Asking<R> = (id: number, options?: ConfirmedCallOptions) => Promise<R | undefined>;

/** The console's sets: the session's own, with every call that deletes or disables asking first. */
export interface GuardedSets {
  readonly alerts: Omit<BulkAlerts, "delete" | "disable" | "deleteIocs"> & {
    readonly delete: Asking<void>;
    readonly disable: Asking<AlertDefinition>;
    readonly deleteIocs: Asking<void>;
  };
  readonly iocs: Omit<BulkIocs, "delete" | "disable"> & {
    readonly delete: Asking<void>;
    readonly disable: Asking<IndicatorOfCompromise>;
  };
}

/**
 * The session's sets with `delete`, `disable` and `alerts.deleteIocs` asking first, saying what goes ("alert
 * definition 7 and its 12 IOCs"), unless `{ confirm: true }` is passed. Without a terminal (a script, a pipe,
 * `--eval`) such a call without `confirm: true` fails before anything is sent, as a bulk apply does.
 * @example const { alerts, iocs } = guardDestructive(state, session)  // then: await alerts.delete(7)
 */
export function guardDestructive(
  state: ReplState,
  sets: { readonly alerts: BulkAlerts; readonly iocs: BulkIocs },
): GuardedSets {
  const { alerts, iocs } = sets;
  // What goes is read first, so a definition or IOC that is not there fails with its 404 instead of a question.
  const iocsOf = async (id: number, options: CallOptions): Promise<string> => {
    const [, n] = await Promise.all([
      alerts.get(id, options),
      iocs.count(`AlertDefinitionId eq ${id}`, options),
    ]);
    return count(n, "IOC");
  };
  const ioc = async (id: number, options: CallOptions): Promise<string> => {
    await iocs.get(id, options);
    return `IOC ${id}`;
  };
  return {
    alerts: {
      ...alerts,
      delete: asking(state, "alerts.delete", "Delete", alerts.delete, async (id, o) => {
        return `alert definition ${id} and its ${await iocsOf(id, o)}? This cannot be undone.`;
      }),
      disable: asking(state, "alerts.disable", "Disable", alerts.disable, async (id, o) => {
        return `alert definition ${id}? Its ${await iocsOf(id, o)} stop alerting.`;
      }),
      deleteIocs: asking(state, "alerts.deleteIocs", "Delete", alerts.deleteIocs, async (id, o) => {
        return `the ${await iocsOf(id, o)} of alert definition ${id} (the definition stays)? This cannot be undone.`;
      }),
    },
    iocs: {
      ...iocs,
      delete: asking(
        state,
        "iocs.delete",
        "Delete",
        iocs.delete,
        async (id, o) => `${await ioc(id, o)}? This cannot be undone.`,
      ),
      disable: asking(
        state,
        "iocs.disable",
        "Disable",
        iocs.disable,
        async (id, o) => `${await ioc(id, o)}? It stops alerting.`,
      ),
    },
  };
}

// One guarded call: the question is built (reading what goes) only when no `confirm: true` was given.
function asking<R>(
  state: ReplState,
  name: string,
  verb: string,
  call: (id: number, options?: CallOptions) => Promise<R>,
  what: (id: number, options: CallOptions) => Promise<string>,
): Asking<R> {
  return async (id, options = {}) => {
    const { confirm, ...callOptions } = options;
    if (confirm === true) return call(id, callOptions);
    const question = `${verb} ${await what(id, callOptions)}`;
    const how = `call ${name}(${JSON.stringify(id)}, { confirm: true })`;
    const nothing = verb === "Delete" ? "Nothing was deleted." : "Nothing was changed.";
    if (!(await askBeforeWriting(state, question, { how, defaultYes: false, nothing }))) return undefined;
    return call(id, callOptions);
  };
}
