/**
 * The widget's suggestions model (widget/suggest/model.ts): a search once typing pauses, only for
 * text with some words, a newer search aborting the one in flight, and late answers dropped.
 */
import { afterEach, beforeEach, describe, expect, test, vi } from "vitest";
import { DEBOUNCE_MS, suggester, type Suggestion } from "../../widget/suggest/model";

const article = (slug: string): Suggestion => ({ slug, title: slug, snippet: slug, url: `/help/en/${slug}` });

function setup() {
  const calls: { q: string; signal: AbortSignal; resolve(r: Suggestion[]): void; reject(e: unknown): void }[] = [];
  const shown: Suggestion[][] = [];
  const s = suggester({
    search: (q, signal) => new Promise((resolve, reject) => { calls.push({ q, signal, resolve, reject }); }),
    onResults: (r) => shown.push(r),
    setTimer: (fn, ms) => setTimeout(fn, ms),
    clearTimer: (h) => clearTimeout(h as ReturnType<typeof setTimeout>),
  });
  return { s, calls, shown };
}

beforeEach(() => vi.useFakeTimers());
afterEach(() => vi.useRealTimers());

describe("the suggestions model", () => {
  test("searches once typing pauses for the debounce time, with the text as it is then", () => {
    const { s, calls } = setup();
    s.input("The export");
    s.input("The export fails with");
    vi.advanceTimersByTime(DEBOUNCE_MS - 1);
    s.input("The export fails with error 500");
    vi.advanceTimersByTime(DEBOUNCE_MS - 1);
    expect(calls).toHaveLength(0);
    vi.advanceTimersByTime(1);
    expect(calls.map((c) => c.q)).toEqual(["The export fails with error 500"]);
  });

  test("does not search before the text has a few words, nor twice for the same text", () => {
    const { s, calls } = setup();
    s.input("Hi");
    s.input("The export");
    vi.advanceTimersByTime(DEBOUNCE_MS * 2);
    expect(calls).toHaveLength(0);
    s.input("The export fails");
    vi.advanceTimersByTime(DEBOUNCE_MS);
    s.input("The  export fails ");
    vi.advanceTimersByTime(DEBOUNCE_MS);
    expect(calls.map((c) => c.q)).toEqual(["The export fails"]);
  });

  test("a newer search aborts the one in flight, and the older answer arriving late is dropped", async () => {
    const { s, calls, shown } = setup();
    s.input("certificate expired warning");
    vi.advanceTimersByTime(DEBOUNCE_MS);
    s.input("certificate expired warning in the shop checkout");
    vi.advanceTimersByTime(DEBOUNCE_MS);
    expect(calls).toHaveLength(2);
    expect(calls[0]!.signal.aborted).toBe(true);
    expect(calls[1]!.signal.aborted).toBe(false);
    calls[1]!.resolve([article("renew-certificate")]);
    await vi.runAllTimersAsync();
    calls[0]!.resolve([article("stale-answer")]);
    await vi.runAllTimersAsync();
    expect(shown).toEqual([[article("renew-certificate")]]);
    expect(s.results().map((r) => r.slug)).toEqual(["renew-certificate"]);
  });

  test("shows at most three; remembers everything shown and opened until a new report", async () => {
    const { s, calls } = setup();
    s.input("mail does not arrive at all");
    vi.advanceTimersByTime(DEBOUNCE_MS);
    calls[0]!.resolve(["a", "b", "c", "d"].map(article));
    await vi.runAllTimersAsync();
    expect(s.results()).toHaveLength(3);
    s.input("mail does not arrive in outlook");
    vi.advanceTimersByTime(DEBOUNCE_MS);
    calls[1]!.resolve(["e", "a"].map(article));
    await vi.runAllTimersAsync();
    s.opened("e");
    expect(s.seen()).toEqual({ shown: ["a", "b", "c", "e"], opened: ["e"] });
    s.reset();
    expect(s.seen()).toEqual({ shown: [], opened: [] });
  });

  test("clearing the text empties the list and cancels a search in flight; a failed search keeps the list", async () => {
    const { s, calls, shown } = setup();
    s.input("backup restore takes hours");
    vi.advanceTimersByTime(DEBOUNCE_MS);
    calls[0]!.resolve([article("backup")]);
    await vi.runAllTimersAsync();
    s.input("backup restore takes hours now");
    vi.advanceTimersByTime(DEBOUNCE_MS);
    calls[1]!.reject(new Error("offline"));
    await vi.runAllTimersAsync();
    expect(s.results().map((r) => r.slug)).toEqual(["backup"]);
    s.input("backup restore takes hours again");
    vi.advanceTimersByTime(DEBOUNCE_MS);
    s.input("");
    expect(calls[2]!.signal.aborted).toBe(true);
    expect(shown.at(-1)).toEqual([]);
  });
});
