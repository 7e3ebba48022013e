import type { CallOptions, Indicators } from "../api/index.js";
import { askBeforeWriting } from "./confirm.js";
import type { ConfirmedCallOptions } from "./destructive.js";
import type { ReplState } from "./types.js";

/** The console's `indicators`: the session's own, with `delete` and `batchDelete` asking first. */
export type GuardedIndicators<T extends Indicators> = Omit<T, "delete" | "batchDelete"> & {
  readonly delete: (id: string | number, options?: ConfirmedCallOptions) => Promise<void>;
  readonly batchDelete: (ids: readonly (string | number)[], options?: ConfirmedCallOptions) => Promise<void>;
};

/**
 * The session's indicators with `delete` and `batchDelete` asking first ("Delete indicator 7?", "Delete 3
 * indicators (1, 2, 5)?"), unless `{ confirm: true }` is passed; without a terminal such a call without it fails
 * before anything is sent, as the custom TI deletes do (destructive.ts).
 * @example const indicators = guardIndicators(state, session.indicators) // then: await indicators.delete("7")
 */
export function guardIndicators<T extends Indicators>(state: ReplState, indicators: T): GuardedIndicators<T> {
  const ask = async (name: string, shown: unknown, question: string, options: ConfirmedCallOptions) => {
    const { confirm, ...callOptions } = options;
    if (confirm === true) return callOptions;
    const how = `call indicators.${name}(${JSON.stringify(shown)}, { confirm: true })`;
    const yes = await askBeforeWriting(state, `${question} This cannot be undone.`, {
      how,
      defaultYes: false,
      nothing: "Nothing was deleted.",
    });
    return yes ? callOptions : undefined;
  };
  return {
    ...indicators,
    delete: async (id, options = {}) => {
      const go: CallOptions | undefined = await ask("delete", id, `Delete indicator ${id}?`, options);
      if (go) await indicators.delete(id, go);
    },
    batchDelete: async (ids, options = {}) => {
      const listed = ids.length > 10 ? `${ids.slice(0, 10).join(", ")}, …` : ids.join(", ");
      const what = `${ids.length} indicator${ids.length === 1 ? "" : "s"} (${listed})`;
      const go = await ask("batchDelete", ids, `Delete ${what}?`, options);
      if (go) await indicators.batchDelete(ids, go);
    },
  };
}
