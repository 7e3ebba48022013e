import { describe, expect, it } from "vitest";
import { CLOCK_SKEW_MS, Claims } from "../../src/api/claims.js";
import { systemClock, type Clock } from "../../src/http/index.js";

// A clock the test moves: claims are bounded by time, so the test sets the time instead of waiting.
function clockAt(ms: number): Clock & { nowMs: number } {
  const clock = { nowMs: ms, now: () => clock.nowMs, sleep: systemClock.sleep };
  return clock;
}

const T0 = Date.parse("2026-12-04T00:00:00Z");
const ioc = (id: number, atMs: number) => ({ Id: id, CreatedAt: new Date(atMs).toISOString() });

describe("the session's claims (issue 14: bounded to what a read-back can still adopt)", () => {
  it("keeps a claim while a read-back could see it, then drops it", () => {
    const clock = clockAt(T0);
    const claims = new Claims(clock);
    claims.add("IndicatorsOfCompromise", ioc(1, T0));
    expect(claims.has("IndicatorsOfCompromise", 1)).toBe(true);
    expect(claims.has("AlertDefinitions", 1)).toBe(false);
    clock.nowMs = T0 + CLOCK_SKEW_MS; // a create sent now still reads back entities stamped at T0
    claims.add("IndicatorsOfCompromise", ioc(2, clock.nowMs));
    expect(claims.has("IndicatorsOfCompromise", 1)).toBe(true);
    clock.nowMs = T0 + CLOCK_SKEW_MS + 1;
    claims.add("IndicatorsOfCompromise", ioc(3, clock.nowMs));
    expect(claims.has("IndicatorsOfCompromise", 1)).toBe(false);
    expect(claims.has("IndicatorsOfCompromise", 2)).toBe(true);
  });

  it("stays small across a long session of creates instead of one key per entity", () => {
    const clock = clockAt(T0);
    const claims = new Claims(clock);
    for (let id = 1; id <= 100_000; id++) {
      clock.nowMs = T0 + id; // one entity a millisecond: 100 s of creates
      claims.add("IndicatorsOfCompromise", ioc(id, clock.nowMs));
    }
    expect(claims.size).toBeLessThanOrEqual(CLOCK_SKEW_MS + 1);
    expect(claims.has("IndicatorsOfCompromise", 100_000)).toBe(true);
  });

  it("keeps every claim an in-flight create's read-back could adopt until that create settles", () => {
    const clock = clockAt(T0);
    const claims = new Claims(clock);
    const settled = claims.begin(T0);
    claims.add("IndicatorsOfCompromise", ioc(1, T0 - CLOCK_SKEW_MS));
    clock.nowMs = T0 + 60_000; // the create is still retrying a minute later
    claims.add("IndicatorsOfCompromise", ioc(2, clock.nowMs));
    expect(claims.has("IndicatorsOfCompromise", 1)).toBe(true);
    settled();
    claims.add("IndicatorsOfCompromise", ioc(3, clock.nowMs));
    expect(claims.has("IndicatorsOfCompromise", 1)).toBe(false);
    expect(claims.has("IndicatorsOfCompromise", 3)).toBe(true);
  });

  it("holds nothing a read-back could never adopt: no Id, or stamped before any create it could serve", () => {
    const clock = clockAt(T0);
    const claims = new Claims(clock);
    claims.add("IndicatorsOfCompromise", { CreatedAt: new Date(T0).toISOString() });
    claims.add("IndicatorsOfCompromise", ioc(1, T0 - CLOCK_SKEW_MS - 1));
    claims.add("IndicatorsOfCompromise", { Id: 2 });
    expect(claims.size).toBe(0);
  });

  it("keeps what the earliest create still in flight could adopt, whatever order creates settle in", () => {
    const clock = clockAt(T0 + 60_000);
    const claims = new Claims(clock);
    // Thousands begin at once (a bulk run queues them for a connection) and settle in any order.
    const settles = Array.from({ length: 3000 }, (_, i) => claims.begin(T0 + i));
    claims.add("IndicatorsOfCompromise", ioc(1, T0 - CLOCK_SKEW_MS));
    for (let i = 1; i < 3000; i++) settles[i]!();
    claims.add("IndicatorsOfCompromise", ioc(2, T0 + 60_000));
    expect(claims.has("IndicatorsOfCompromise", 1)).toBe(true); // the create begun at T0 is still in flight
    settles[0]!();
    settles[0]!(); // settling twice changes nothing
    const late = claims.begin(T0 + 2000);
    claims.add("IndicatorsOfCompromise", ioc(3, T0 + 60_001));
    expect(claims.has("IndicatorsOfCompromise", 1)).toBe(false);
    expect(claims.has("IndicatorsOfCompromise", 2)).toBe(true);
    late();
  });

  it("keeps what a create could adopt when the clock stepped back between two creates", () => {
    const clock = clockAt(T0 + 60_000);
    const claims = new Claims(clock);
    const first = claims.begin(T0 + 1000);
    const second = claims.begin(T0); // sent after the first, by a clock set back a second
    claims.add("IndicatorsOfCompromise", ioc(1, T0 - CLOCK_SKEW_MS));
    first();
    claims.add("IndicatorsOfCompromise", ioc(2, T0 + 60_000));
    expect(claims.has("IndicatorsOfCompromise", 1)).toBe(true);
    second();
    claims.add("IndicatorsOfCompromise", ioc(3, T0 + 60_001));
    expect(claims.has("IndicatorsOfCompromise", 1)).toBe(false);
  });
});
