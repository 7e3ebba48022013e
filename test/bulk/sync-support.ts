// Shared by the sync tests: an emulator session, seeding indicators under an owner, and counting write requests.
import type { ConnectedSession } from "../../src/connect.js";
import type { RunningEmulator } from "../../src/emulator/index.js";
import { connectTo } from "../client/support.js";

/** The v2 URLs of an emulator, as the Indicators API session needs them. */
export function indicatorUrls(emu: RunningEmulator): { apiUrl: string; authUrl: string } {
  return { apiUrl: `${emu.url}/api`, authUrl: emu.authUrl.replace(/\/oauth2\/token$/, "/oauth2/v2.0/token") };
}

/** A session on the emulator's Indicators API. */
export function indicatorSession(emu: RunningEmulator): Promise<ConnectedSession> {
  return connectTo(emu, indicatorUrls(emu));
}

/** Creates `values` as Block domain indicators with `application` (none when undefined), through import. */
export async function seed(
  session: ConnectedSession,
  values: readonly string[],
  application: string | undefined,
  severity = "Low",
): Promise<void> {
  const items = values.map((value) => ({
    indicatorValue: value,
    indicatorType: "DomainName" as const,
    action: "Block" as const,
    title: "Feed A",
    description: "From feed A",
    severity: severity as "Low",
    ...(application === undefined ? {} : { application }),
  }));
  const results = await session.indicators.import(items);
  if (results.some((r) => r.isFailed)) throw new Error("seeding failed");
}

/** Write requests the emulator's Indicators API has answered so far (submit, import, BatchDelete, DELETE). */
export async function writeRequests(emu: RunningEmulator): Promise<number> {
  const stats = (await (await fetch(`${emu.url}/_emulator/stats`)).json()) as {
    requests: Record<string, number>;
  };
  const writes = [
    "POST indicators",
    "POST indicators/import",
    "POST indicators/BatchDelete",
    "DELETE indicators(id)",
  ];
  return writes.reduce((sum, label) => sum + (stats.requests[label] ?? 0), 0);
}

/** A feed CSV (type, value, action, severity) of Block domains. */
export function feedCsv(rows: readonly { value: string; severity: string }[]): string {
  const lines = rows.map((r) => `DomainName,${r.value},Block,${r.severity}`);
  return ["IndicatorType,IndicatorValue,Action,Severity", ...lines].join("\n") + "\n";
}
