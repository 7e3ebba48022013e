// What the bulk benchmarks share: IOC values, their CSV, a definition to bind them to, a raw token as the
// docs' samples get one (the sequential baseline sends it itself, without the library), and the time the
// Indicators API's documented limits allow for a number of calls.
import type { Session } from "../src/api/index.js";
import { DEMO_CLIENT_ID, DEMO_CLIENT_SECRET } from "../src/emulator/index.js";
import type { RateLimit } from "../src/schema/index.js";

/** A distinct SHA-256 per (salt, i), so every run's IOCs are new to the tenant. */
export const hash = (salt: number, i: number): string => (salt * 1e7 + i).toString(16).padStart(64, "0");

/** An import CSV of `count` SHA-256 IOCs. */
export function csv(count: number, salt: number): string {
  return ["type,value", ...Array.from({ length: count }, (_, i) => `Sha256,${hash(salt, i)}`)].join("\n");
}

/** Creates an alert definition named `name` and returns its Id. */
export async function newAlert(session: Session, name: string): Promise<number> {
  const body = {
    Name: name,
    Severity: "Low" as const,
    Title: name,
    UxDescription: name,
    Category: "Malware",
  };
  return (await session.alerts.create(body)).Id;
}

/** A custom-TI access token from the emulator's token endpoint, fetched as the docs' samples do. */
export async function demoToken(authUrl: string): Promise<string> {
  const form = {
    grant_type: "client_credentials",
    client_id: DEMO_CLIENT_ID,
    client_secret: DEMO_CLIENT_SECRET,
    resource: "https://graph.windows.net",
  };
  const response = await fetch(authUrl, { method: "POST", body: new URLSearchParams(form) });
  return ((await response.json()) as { access_token: string }).access_token;
}

/** Seconds until the last of `calls` calls may start, sending each as early as the sliding windows allow. */
export function boundSeconds(calls: number, limit: RateLimit): number {
  const windows = [
    { limit: limit.perMinute, ms: 60_000 },
    { limit: limit.perHour, ms: 3_600_000 },
  ];
  const at: number[] = [];
  for (let i = 0; i < calls; i++)
    at.push(Math.max(0, ...windows.map((w) => (i >= w.limit ? (at[i - w.limit] ?? 0) + w.ms : 0))));
  return (at.at(-1) ?? 0) / 1000;
}
