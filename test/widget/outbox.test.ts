import { afterEach, describe, expect, test, vi } from "vitest";
import { memoryStore, type Draft } from "../../widget/panel/model/draft-store";
import { createOutbox, type Outcome } from "../../widget/panel/model/outbox";
import type { TransportResponse } from "../../widget/panel/model/transport";

const draft = (key: string): Draft => ({ key, siteKey: "site_a", url: "", fields: { email: "a@b.example", description: "x" }, files: [], savedAt: 0 });
const ok: TransportResponse = { status: 201, retryAfter: null, body: { tid: "1000015", status: "new", slaLevel: "non-commercial-cloud", responseTargetAt: null, responseDueAt: null, receivedAt: "" } };

function setup(answers: TransportResponse[], online = true) {
  const keys: string[] = [];
  const pending: boolean[] = [];
  const heard: [string, Outcome["kind"]][] = [];
  let fireOnline = () => {};
  const store = memoryStore();
  const outbox = createOutbox({
    transport: (req) => {
      keys.push(req.headers["Idempotency-Key"]!);
      return Promise.resolve(answers.shift() ?? ok);
    },
    store,
    apiBase: "https://support.example/base/",
    siteKey: "site_a",
    isOnline: () => online,
    onOnline: (cb) => ((fireOnline = cb), () => {}),
    setPending: (p) => pending.push(p),
    backoff: [1000, 5000],
  });
  outbox.subscribe((key, o) => heard.push([key, o.kind]));
  return { outbox, store, keys, pending, heard, online: () => fireOnline(), setOnline: (v: boolean) => (online = v) };
}

afterEach(() => vi.useRealTimers());

describe("the outbox", () => {
  test("a refusal removes the draft: the user corrects it, nothing resends it behind their back", async () => {
    const s = setup([{ status: 422, retryAfter: null, body: { error: { code: "VALIDATION_FAILED", message: "m", field: "email" } } }]);
    const out = await s.outbox.send(draft("k1"));
    expect(out).toEqual({ kind: "rejected", status: 422, error: { code: "VALIDATION_FAILED", message: "m", field: "email" } });
    expect(await s.store.list("site_a")).toEqual([]);
    expect(s.pending.at(-1)).toBe(false);
  });

  test("a refusal of the page's origin keeps the draft stored, but nothing sends it again by itself", async () => {
    vi.useFakeTimers();
    const refusal = { status: 403, retryAfter: null, body: { error: { code: "ORIGIN_NOT_ALLOWED", message: "m" } } };
    const s = setup([refusal]);
    const out = await s.outbox.send(draft("k9"));
    expect(out).toEqual({ kind: "rejected", status: 403, error: { code: "ORIGIN_NOT_ALLOWED", message: "m" } });
    expect((await s.store.list("site_a")).map((d) => d.key)).toEqual(["k9"]);
    expect(s.pending.at(-1)).toBe(false);
    await vi.advanceTimersByTimeAsync(30 * 60_000);
    s.online();
    s.outbox.retryNow();
    await vi.advanceTimersByTimeAsync(0);
    expect(s.keys).toEqual(["k9"]);
    expect(s.heard).toEqual([]);
    // The user sends it again: the same key, and a site that allows the origin by now files it once.
    expect((await s.outbox.send(draft("k9"))).kind).toBe("sent");
    expect(s.keys).toEqual(["k9", "k9"]);
    expect(await s.store.list("site_a")).toEqual([]);
  });

  test("a server down for a moment (503 with Retry-After) is retried after that pause, with the same key", async () => {
    vi.useFakeTimers();
    const s = setup([{ status: 503, retryAfter: 5, body: null }]);
    expect(await s.outbox.send(draft("k2"))).toEqual({ kind: "waiting" });
    expect(await s.store.list("site_a")).toHaveLength(1);
    await vi.advanceTimersByTimeAsync(4_900);
    expect(s.keys).toEqual(["k2"]);
    await vi.advanceTimersByTimeAsync(200);
    expect(s.keys).toEqual(["k2", "k2"]);
    expect(s.heard).toEqual([["k2", "sent"]]);
    expect(await s.store.list("site_a")).toEqual([]);
  });

  test("offline, nothing is tried until the browser is back online; then once", async () => {
    vi.useFakeTimers();
    const s = setup([{ status: 0, retryAfter: null, body: null }], false);
    await s.outbox.send(draft("k3"));
    await vi.advanceTimersByTimeAsync(120_000);
    expect(s.keys).toEqual(["k3"]);
    s.setOnline(true);
    s.online();
    s.online();
    await vi.advanceTimersByTimeAsync(0);
    expect(s.keys).toEqual(["k3", "k3"]);
    expect(s.heard).toEqual([["k3", "sent"]]);
  });

  test("drafts an earlier page left are sent on resume, each with its own key", async () => {
    const s = setup([]);
    await s.store.put(draft("old-1"));
    await s.store.put(draft("old-2"));
    await s.store.put({ ...draft("other-site"), siteKey: "site_b" });
    await s.outbox.resume();
    await vi.waitFor(() => expect(s.heard).toEqual([["old-1", "sent"], ["old-2", "sent"]]));
    expect(s.keys.sort()).toEqual(["old-1", "old-2"]);
  });
});
