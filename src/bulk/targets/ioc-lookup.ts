import type { Iocs } from "../../api/index.js";
import type { IndicatorOfCompromise } from "../../schema/index.js";
import { classifyFailure } from "../errors.js";
import { chunk, runPool } from "../pool.js";
import { signalOption } from "../sets.js";
import { iocKey, type Candidate } from "./ioc-rows.js";
import type { LookupOptions } from "./target.js";

/** IOCs on the server, by identity key; the service accepts duplicates, so a key may hold several. */
export type ExistingIocs = Map<string, IndicatorOfCompromise[]>;

// Values per `Value in (...)` query: keeps the URL near 4 KB even for SHA-256 values.
const VALUES_PER_QUERY = 50;
const LIST_PAGE_SIZE = 1000;

/**
 * Finds the IOCs the server already holds with the same type, value, detection function and alert definition
 * as `candidates`. Per alert definition: a count first (none: nothing to look up); a small definition is listed
 * whole, a large one queried in batches of `Value in (...)`. A service that cannot filter on AlertDefinitionId
 * is walked through the definition's IOC navigation instead.
 * @example const existing = await findExisting(session.iocs, candidates, { concurrency: 4 })
 */
export async function findExisting(
  iocs: Iocs,
  candidates: readonly Candidate[],
  options: LookupOptions,
): Promise<ExistingIocs> {
  const found: ExistingIocs = new Map();
  const byAlert = new Map<number, Candidate[]>();
  for (const c of candidates) {
    const group = byAlert.get(c.alertId);
    if (group) group.push(c);
    else byAlert.set(c.alertId, [c]);
  }
  for (const [alertId, group] of byAlert) await findForAlert(iocs, alertId, group, found, options);
  return found;
}

async function findForAlert(
  iocs: Iocs,
  alertId: number,
  group: readonly Candidate[],
  found: ExistingIocs,
  options: LookupOptions,
): Promise<void> {
  const { signal } = options;
  const wanted = new Set(group.map((c) => c.key));
  const add = (ioc: IndicatorOfCompromise): void => {
    const key = iocKey(ioc.Type, ioc.Value, ioc.DetectionFunction, alertId);
    if (!wanted.has(key)) return;
    const same = found.get(key);
    if (same) same.push(ioc);
    else found.set(key, [ioc]);
  };
  const ofAlert = `AlertDefinitionId eq ${alertId}`;
  let total: number;
  try {
    total = await iocs.count(ofAlert, signalOption(signal));
  } catch (error) {
    if (classifyFailure(error, signal) !== "refused") throw error;
    // Lenient: the real service may not know AlertDefinitionId; the navigation from the definition always works.
    return iocs.forAlert(alertId, { pageSize: LIST_PAGE_SIZE, ...signalOption(signal) }).forEach(add);
  }
  if (total === 0) return;
  if (total <= 2 * group.length) {
    return iocs.list({ filter: ofAlert, pageSize: LIST_PAGE_SIZE, ...signalOption(signal) }).forEach(add);
  }
  await queryByValues(iocs, ofAlert, group, add, options);
}

/** Runs `Value in (...)` queries in batches, `concurrency` at a time, passing every IOC found to `add`. */
async function queryByValues(
  iocs: Iocs,
  ofAlert: string,
  group: readonly Candidate[],
  add: (ioc: IndicatorOfCompromise) => void,
  options: LookupOptions,
): Promise<void> {
  const { signal } = options;
  const values = [...new Set(group.map((c) => String(c.body["Value"])))];
  const query = async (batch: string[]): Promise<void> => {
    const filter = `${ofAlert} and Value in (${batch.map(quote).join(",")})`;
    await iocs.list({ filter, ...signalOption(signal) }).forEach(add);
  };
  await runPool(chunk(values, VALUES_PER_QUERY), options.concurrency, query, signal);
  // A stop before every batch ran would leave IOCs unfound, and the plan would create them again.
  signal?.throwIfAborted();
}

function quote(value: string): string {
  return `'${value.replaceAll("'", "''")}'`;
}
