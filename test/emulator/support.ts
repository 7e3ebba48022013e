import type { RunningEmulator } from "../../src/emulator/index.js";
import { DOCS_ALERT_DEFINITION } from "../../src/schema/index.js";
import { fetchTestToken } from "../helpers/emulator.js";

/** A response as the tests look at it. */
export interface Reply {
  status: number;
  headers: Headers;
  text: string;
  /** The parsed body when it is JSON, else undefined. */
  json: any;
}

/** Options of one test call. */
export interface CallOptions {
  body?: unknown;
  headers?: Record<string, string>;
  /** Send no Authorization header. */
  anonymous?: boolean;
  signal?: AbortSignal;
}

/** Sends one request to the emulator (with a cached token unless anonymous) and reads the whole reply. */
export type Call = (method: string, path: string, options?: CallOptions) => Promise<Reply>;

/**
 * A caller bound to one emulator that fetches a token once and sends JSON.
 * @example const call = caller(emu); const r = await call("GET", "/V1.0/AlertDefinitions")
 */
export function caller(emulator: RunningEmulator): Call {
  let token: Promise<string> | undefined;
  return async (method, path, options = {}) => {
    const headers: Record<string, string> = { ...options.headers };
    if (!options.anonymous)
      headers["authorization"] ??= `Bearer ${await (token ??= fetchTestToken(emulator))}`;
    let body: string | undefined;
    if (options.body !== undefined) {
      body = typeof options.body === "string" ? options.body : JSON.stringify(options.body);
      headers["content-type"] ??= "application/json";
    }
    const response = await fetch(emulator.url + path, {
      method,
      headers,
      ...(body === undefined ? {} : { body }),
      ...(options.signal ? { signal: options.signal } : {}),
    });
    const text = await response.text();
    let json: unknown;
    try {
      json = text === "" ? undefined : JSON.parse(text);
    } catch {
      json = undefined;
    }
    return { status: response.status, headers: response.headers, text, json };
  };
}

/** A valid alert definition create body, with overrides. */
export function definitionBody(overrides: Record<string, unknown> = {}): Record<string, unknown> {
  return { ...DOCS_ALERT_DEFINITION, ...overrides };
}

/** A valid IOC create body bound to an alert definition, with overrides. */
export function iocBody(
  alertDefinitionId: number,
  overrides: Record<string, unknown> = {},
): Record<string, unknown> {
  return {
    Type: "Sha1",
    Value: "dead1111eeaabbccddeeaabbccddee11ffffffff",
    DetectionFunction: "Equals",
    Enabled: true,
    "AlertDefinition@odata.bind": `AlertDefinitions(${alertDefinitionId})`,
    ...overrides,
  };
}

/** Replaces server-made values (timestamps, request ids, port, app id) so replies compare with golden shapes. */
export function normalise(value: unknown): unknown {
  return JSON.parse(
    JSON.stringify(value)
      .replace(/\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d+)?Z/g, "<date>")
      .replace(/[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}/g, "<guid>")
      .replace(/http:\/\/127\.0\.0\.1:\d+/g, "<url>"),
  );
}

/** The header every admin write needs (the emulator refuses other types, as a browser could send them). */
export const JSON_TYPE = { "content-type": "application/json" } as const;

/** Empties the emulator between tests (no seed reload). */
export async function resetEmulator(emulator: RunningEmulator): Promise<void> {
  const response = await fetch(`${emulator.url}/_emulator/reset`, {
    method: "POST",
    headers: { "content-type": "application/json" },
    body: JSON.stringify({ seed: false }),
  });
  if (response.status !== 200) throw new Error(`reset failed with ${response.status}`);
}

// Golden shapes from ti-api.md Part 1 (the docs' samples), spelled out literally: they are the specification the
// emulator is held to, so they must not be derived from the code under test. Dates and guids are normalised.
export const GOLDEN_DEFINITION = {
  Id: 1,
  Name: "The alert's name",
  Severity: "Low",
  InternalDescription: "An internal description of the Alert",
  Title: "The Title",
  UxDescription: "Description of the alerts",
  RecommendedAction: "The alert's recommended action",
  Category: "Trojan",
  Enabled: true,
  CreatedAt: "<date>",
  CreatedBy: "<guid>",
  LastModifiedAt: null,
  LastModifiedBy: null,
};

export const GOLDEN_IOC = {
  Id: 1,
  Type: "Sha1",
  Value: "dead1111eeaabbccddeeaabbccddee11ffffffff",
  DetectionFunction: "Equals",
  Enabled: true,
  ExpiresAt: null,
  AlertDefinitionId: 1,
  CreatedAt: "<date>",
  CreatedBy: "<guid>",
  LastModifiedAt: null,
  LastModifiedBy: null,
};
