import { randomUUID } from "node:crypto";

/** A token request refused the way Azure AD refuses it: status, `error` and the AADSTS number. */
export class AadError extends Error {
  constructor(
    readonly status: number,
    readonly error: string,
    readonly code: number,
    message: string,
  ) {
    super(message);
  }
}

/**
 * The Azure AD error body: `error`, `error_description` (AADSTS number, message, trace and correlation ids,
 * timestamp), `error_codes`, `timestamp`, `trace_id`, `correlation_id`, `error_uri`.
 * @example aadErrorBody(new AadError(401, "invalid_client", 7000215, "Invalid client secret provided."), Date.now())
 */
export function aadErrorBody(error: AadError, nowMs: number): Record<string, unknown> {
  const traceId = randomUUID();
  const correlationId = randomUUID();
  const timestamp = new Date(nowMs)
    .toISOString()
    .replace("T", " ")
    .replace(/\.\d+Z$/, "Z");
  return {
    error: error.error,
    error_description: `AADSTS${error.code}: ${error.message}\r\nTrace ID: ${traceId}\r\nCorrelation ID: ${correlationId}\r\nTimestamp: ${timestamp}`,
    error_codes: [error.code],
    timestamp,
    trace_id: traceId,
    correlation_id: correlationId,
    error_uri: `https://login.microsoftonline.com/error?code=${error.code}`,
  };
}
