import { describe, expect, it } from "vitest";
import { backoffDelayMs, decideRetry, normalizeRetryPolicy, parseRetryAfter } from "../../src/http/index.js";

const policy = normalizeRetryPolicy({
  limit: 3,
  baseDelayMs: 100,
  maxDelayMs: 1000,
  retryAfterCeilingMs: 5000,
});
const get = { method: "GET", canReadBack: false };
const post = { method: "POST", canReadBack: false };
const half = () => 0.5;

describe("retry policy", () => {
  it("retries a GET on 503 with exponential backoff and full jitter", () => {
    expect(decideRetry(policy, get, 1, { status: 503 }, half)).toEqual({
      action: "retry",
      delayMs: 50,
      readBackFirst: false,
    });
    expect(decideRetry(policy, get, 3, { status: 503 }, half)).toEqual({
      action: "retry",
      delayMs: 200,
      readBackFirst: false,
    });
  });

  it("caps the backoff at maxDelayMs", () => {
    expect(backoffDelayMs(policy, 20, () => 0.999)).toBeLessThan(1000);
    expect(backoffDelayMs(policy, 20, () => 0)).toBe(0);
  });

  it("stops on statuses that are not worth another attempt", () => {
    expect(decideRetry(policy, get, 1, { status: 400 })).toEqual({ action: "stop" });
    expect(decideRetry(policy, get, 1, { status: 404 })).toEqual({ action: "stop" });
  });

  it("stops after the retry limit", () => {
    expect(decideRetry(policy, get, 4, { status: 503 })).toEqual({ action: "stop" });
  });

  it("honours Retry-After exactly up to the ceiling", () => {
    expect(decideRetry(policy, get, 1, { status: 429, retryAfterMs: 2000 })).toEqual({
      action: "retry",
      delayMs: 2000,
      readBackFirst: false,
    });
  });

  it("turns a Retry-After over the ceiling into a rate-limited outcome carrying the wait", () => {
    expect(decideRetry(policy, get, 1, { status: 429, retryAfterMs: 9000 })).toEqual({
      action: "rate-limited",
      retryAfterMs: 9000,
    });
  });

  it("reports rate limiting when 429 persists past the limit", () => {
    expect(decideRetry(policy, get, 4, { status: 429, retryAfterMs: 1000 }).action).toBe("rate-limited");
  });

  it("re-sends a POST only when the outcome says it was not applied", () => {
    expect(decideRetry(policy, post, 1, { status: 429 }, half).action).toBe("retry");
    expect(decideRetry(policy, post, 1, { status: 503 }, half).action).toBe("retry");
    expect(decideRetry(policy, post, 1, { networkErrorCode: "ECONNREFUSED" }, half).action).toBe("retry");
    expect(decideRetry(policy, post, 1, { status: 500 })).toEqual({ action: "stop" });
    expect(decideRetry(policy, post, 1, { networkErrorCode: "ECONNRESET" })).toEqual({ action: "stop" });
  });

  it("reads back before re-sending a POST whose outcome is unknown", () => {
    const withReadBack = { method: "POST", canReadBack: true };
    expect(decideRetry(policy, withReadBack, 1, { networkErrorCode: "ECONNRESET" }, half)).toEqual({
      action: "retry",
      delayMs: 50,
      readBackFirst: true,
    });
  });

  it("treats a request marked idempotent as safe whatever its method", () => {
    const action = { method: "POST", idempotent: true, canReadBack: false };
    expect(decideRetry(policy, action, 1, { status: 500 }, half).action).toBe("retry");
  });

  it("reads Retry-After as seconds or as an HTTP date", () => {
    const now = Date.parse("2030-01-01T00:00:00Z");
    expect(parseRetryAfter("3", now)).toBe(3000);
    expect(parseRetryAfter("Tue, 01 Jan 2030 00:00:05 GMT", now)).toBe(5000);
    expect(parseRetryAfter("Mon, 31 Dec 2029 00:00:00 GMT", now)).toBe(0);
    expect(parseRetryAfter("soon", now)).toBeUndefined();
    expect(parseRetryAfter(undefined, now)).toBeUndefined();
  });
});
