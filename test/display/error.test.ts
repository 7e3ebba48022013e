import { runInNewContext } from "node:vm";
import { describe, expect, it } from "vitest";
import { formatError, formatValue } from "../../src/display/index.js";
import {
  AuthError,
  HttpError,
  NetworkError,
  TiError,
  ValidationError,
  isTiError,
} from "../../src/errors/index.js";

const notFound = new HttpError({
  status: 404,
  code: "ResourceNotFound",
  serviceMessage: "AlertDefinitions(9) was not found",
  requestId: "req-42",
  context: { method: "GET", url: "http://127.0.0.1:1/V1.0/AlertDefinitions(9)" },
});

describe("formatError", () => {
  it("shows status, OData code, message and request id on one line", () => {
    expect(formatError(notFound)).toBe(
      "Error 404 ResourceNotFound: AlertDefinitions(9) was not found (request id req-42)",
    );
  });

  it("never shows a stack trace", () => {
    expect(
      formatError(new NetworkError({ method: "GET", url: "http://x/" }, new Error("ECONNREFUSED"))),
    ).not.toMatch(/\n|at /);
  });

  it("names the kind of other ti-console errors", () => {
    expect(formatError(new AuthError("invalid_client: check TI_CLIENT_SECRET"))).toBe(
      "AuthError: invalid_client: check TI_CLIENT_SECRET",
    );
    expect(formatError(new ValidationError('Severity: "Critical" is not one of', []))).toMatch(
      /^ValidationError/,
    );
  });

  it("recognises errors made in another realm, where instanceof fails", () => {
    const foreign = runInNewContext("new TypeError('x is not a function')") as unknown;
    expect(foreign instanceof Error).toBe(false);
    expect(formatValue(foreign)).toBe("TypeError: x is not a function");
  });

  it("uses the same brand as the error family", () => {
    const branded = new TiError("boom");
    expect(isTiError(branded)).toBe(true);
    expect(formatValue(branded)).toBe("TiError: boom");
  });

  it("is red only when colour is on", () => {
    expect(formatError(notFound, { color: true })).toMatch(/^\u001b\[31m/);
    expect(formatError(notFound)).not.toContain("\u001b");
  });

  it("shows thrown non-errors as text", () => {
    expect(formatError("plain")).toBe("Error: plain");
  });
});
