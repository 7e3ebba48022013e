import { afterAll } from "vitest";
import { connect, type ConnectedSession, type ConnectOptions } from "../../src/connect.js";
import type { Session } from "../../src/api/index.js";
import type { RunningEmulator } from "../../src/emulator/index.js";
import type { IndicatorOfCompromise } from "../../src/schema/index.js";

/**
 * A session on the test emulator, closed in `afterAll`.
 * @example const session = await openSession(emu)
 */
export async function openSession(
  emu: RunningEmulator,
  options: ConnectOptions = {},
): Promise<ConnectedSession> {
  const session = await connect({
    authUrl: emu.authUrl,
    apiUrl: emu.apiUrl,
    clientId: emu.clientId,
    clientSecret: emu.clientSecret,
    ...options,
  });
  afterAll(() => session.close());
  return session;
}

/** A new alert definition to import into; resolves to its Id. */
export async function newAlert(session: Session, name = "bulk test"): Promise<number> {
  const alert = await session.alerts.create({
    Name: name,
    Severity: "Low",
    Title: "Bulk import test",
    UxDescription: "Created by the bulk-edit tests",
    Category: "Trojan",
  });
  return alert.Id;
}

/** Every IOC of an alert definition, read page by page. */
export async function iocsOf(session: Session, alertId: number): Promise<IndicatorOfCompromise[]> {
  return session.iocs.list({ filter: `AlertDefinitionId eq ${alertId}`, pageSize: 1000 }).toArray();
}

/** Identity keys of IOCs, sorted, with duplicates kept (so a duplicate shows up as a repeated key). */
export function keysOf(iocs: readonly IndicatorOfCompromise[]): string[] {
  return iocs.map((i) => `${i.Type}|${i.Value}|${i.DetectionFunction}`).sort();
}

/**
 * `count` distinct well-formed IOC values of every type, as CSV text with a header.
 * @example syntheticCsv(5000)
 */
export function syntheticCsv(count: number, seed = 0): string {
  const lines = ["type,value"];
  for (let i = 0; i < count; i++) lines.push(syntheticRow(i + seed * 1_000_000));
  return `${lines.join("\n")}\n`;
}

function syntheticRow(n: number): string {
  const hex = (len: number): string => n.toString(16).padStart(len, "0");
  switch (n % 5) {
    case 0:
      return `Sha1,${hex(40)}`;
    case 1:
      return `Sha256,${hex(64)}`;
    case 2:
      return `Md5,${hex(32)}`;
    case 3:
      return `IpAddress,${10 + ((n >> 16) & 0xff)}.${(n >> 8) & 0xff}.${n & 0xff}.${1 + (n % 200)}`;
    default:
      return `DomainName,host-${n}.example.com`;
  }
}
