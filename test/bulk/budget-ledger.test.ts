// The rate budget's ledger, on an injected clock: what a journal records of each call and what a resumed run
// loads, without double counting the calls a process already knows.
import { describe, expect, it } from "vitest";
import { createRateBudget, type BudgetCall } from "../../src/http/index.js";
import { ManualClock } from "../helpers/clock.js";

/** Lets the promises waiting on the clock run. */
const settle = () => new Promise((resolve) => setImmediate(resolve));
const rule = () => ({ key: "k", windows: [{ limit: 2, ms: 1000 }] });
const request = { method: "POST", url: "https://h/api/indicators/import" };

function budgetOn(clock: ManualClock) {
  const budget = createRateBudget({ rule, clock, margin: 0, marginMs: 0 });
  const sentAt: number[] = [];
  const send = budget.wrapper(async () => {
    sentAt.push(clock.now());
    return { status: 200, headers: {}, data: undefined };
  });
  return { budget, sentAt, send };
}

describe("the rate budget's ledger", () => {
  it("tells each call before it leaves, and the call waits until the listener's promise settles", async () => {
    const clock = new ManualClock(5000);
    const { budget, sentAt, send } = budgetOn(clock);
    const told: BudgetCall[] = [];
    let release = (): void => undefined;
    budget.onCall((call) => {
      told.push(call);
      return new Promise<void>((resolve) => (release = resolve));
    });
    const call = send(request);
    await settle();
    expect(told).toEqual([{ key: "k", at: 5000 }]);
    expect(sentAt).toEqual([]);
    release();
    await call;
    expect(sentAt).toEqual([5000]);
  });

  it("counts loaded calls against the windows, and the same calls loaded again only once", async () => {
    const clock = new ManualClock(10_000);
    const { budget, sentAt, send } = budgetOn(clock);
    const recorded: BudgetCall[] = [];
    budget.onCall((call) => void recorded.push(call));
    // An earlier process's two calls, 500 and 200 ms ago: the window is full until the first is a second old.
    budget.load([
      { key: "k", at: 9500 },
      { key: "k", at: 9800 },
    ]);
    const first = send(request);
    await settle();
    expect(sentAt).toEqual([]);
    clock.advance(500);
    await first;
    expect(sentAt).toEqual([10_500]);
    // A journal read again by this process holds the earlier call and its own: neither counts twice, so the
    // next call waits for the earlier one to age (9,800 + 1,000), not for a doubled own call (10,500 + 1,000).
    budget.load([{ key: "k", at: 9500 }, { key: "k", at: 9800 }, ...recorded]);
    const second = send(request);
    await settle();
    clock.advance(300);
    await settle();
    expect(sentAt).toEqual([10_500, 10_800]);
    await second;
  });
});
