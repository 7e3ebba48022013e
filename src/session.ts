// The session that connect() returns, composed above api and bulk (api never imports bulk): the api's Session
// with sets that also carry the bulk edits, and display's pretty-printer.
import { Session, type SessionSettings } from "./api/index.js";
import {
  withBulkEdits,
  withIndicatorBulkEdits,
  type Applier,
  type BulkAlerts,
  type BulkIndicators,
  type BulkIocs,
} from "./bulk/index.js";
import { pp } from "./display/index.js";

/** Options of a {@link ConnectedSession} beyond the connection's settings. */
export interface SessionOptions {
  /** Runs every apply of the session's bulk plans (the console's asks first); default: the engine's own. */
  readonly applier?: Applier | undefined;
}

/**
 * A session whose `iocs` and `alerts` carry the bulk edits (`iocs.import`, `iocs.updateWhere`, `iocs.deleteWhere`,
 * `iocs.export`, `alerts.disableWhere`; `indicators.import`, `.updateWhere`, `.deleteWhere`, `.export`) as ordinary typed members, with display's pretty-printer:
 * `session.pp(await session.alerts.list())`. Made by `connect()`.
 */
export class ConnectedSession extends Session {
  declare readonly iocs: BulkIocs;
  declare readonly alerts: BulkAlerts;
  declare readonly indicators: BulkIndicators;
  /** Display's pretty-printer: a table for a list of entities, a record for one, one line for an error. */
  readonly pp: typeof pp = pp;

  constructor(settings: SessionSettings, options: SessionOptions = {}) {
    super(settings);
    const { applier } = options;
    const sets = withBulkEdits({
      iocs: this.iocs,
      alerts: this.alerts,
      waitedMs: () => this.waitedMs(),
      ...(applier ? { applier } : {}),
    });
    this.iocs = sets.iocs;
    this.alerts = sets.alerts;
    this.indicators = withIndicatorBulkEdits({
      indicators: this.indicators,
      waitedMs: () => this.waitedMs(),
      rateBudget: () => this.rateBudget(),
      ...(applier ? { applier } : {}),
    });
  }
}
