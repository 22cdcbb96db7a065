import { beforeAll, describe, expect, test } from "vitest";
import type { z } from "zod";
import { drivers } from "../support/databases";
import { adminHeaders, postJson, clockedApp, type TestApp } from "../support/test-app";
import { answerOf, errorOf } from "../support/answers";
import { ticketCreatedSchema } from "../../shared/api/tickets";
import { queuePageSchema } from "../../shared/api/console-responses";

describe.each(drivers())("the queue on %s", (driver) => {
  let t: TestApp;
  const clock = clockedApp(driver, "2026-03-02T08:00:00Z");
  beforeAll(() => { t = clock.t; });

  test("urgent recovery first, then first come first served; done tickets leave it; pages follow on", async () => {
    const tids: Record<string, string> = {};
    for (const [name, urgent] of [["old", false], ["older-urgent", true], ["mid", false], ["new-urgent", true], ["done", false], ["newest", false]] as const) {
      clock.advance(60_000);
      const r = await postJson(t, "/api/v1/tickets", { email: `${name}@example.org`, description: name, urgent });
      tids[name] = (await answerOf(r, ticketCreatedSchema)).tid;
    }
    await postJson(t, `/api/v1/tickets/${tids.done}/status`, { status: "resolved" }, adminHeaders);
    const first = await answerOf(await t.app.request("/api/v1/queue?limit=3", { headers: adminHeaders }), queuePageSchema);
    expect(first.items.map((i) => i.tid)).toEqual([tids["older-urgent"], tids["new-urgent"], tids.old]);
    expect(first.items[0]).toMatchObject({ urgent: true, status: "new", email: "older-urgent@example.org" });
    const second = await answerOf(await t.app.request(`/api/v1/queue?limit=3&after=${first.next}`, { headers: adminHeaders }), queuePageSchema);
    expect(second.items.map((i) => i.tid)).toEqual([tids.mid, tids.newest]);
    expect(second.next).toBeNull();

    // One ticket per page walks the same order, across the urgent/non-urgent boundary.
    const walked: string[] = [];
    let after: string | null = null;
    do {
      // Typed here: `after` is read for the address and written from the page, so TS cannot infer it.
      const page: z.output<typeof queuePageSchema> = await answerOf(await t.app.request(`/api/v1/queue?limit=1${after ? `&after=${after}` : ""}`, { headers: adminHeaders }), queuePageSchema);
      walked.push(...page.items.map((i) => i.tid));
      after = page.next;
    } while (after);
    expect(walked).toEqual([tids["older-urgent"], tids["new-urgent"], tids.old, tids.mid, tids.newest]);
  });

  test("search finds what the requester wrote, not the mail they quoted", async () => {
    const description = [
      "The Frobnicator still crashes.",
      "",
      "On Monday support wrote:",
      "> Please reinstall the Quuxwidget plugin.",
      "  >> Earlier: Quuxwidget was fine.",
    ].join("\n");
    const r = await postJson(t, "/api/v1/tickets", { email: "quoter@example.org", subject: "Crash on start", description });
    const { tid } = await answerOf(r, ticketCreatedSchema);
    const search = async (q: string) =>
      (await answerOf(await t.app.request(`/api/v1/queue?q=${q}`, { headers: adminHeaders }), queuePageSchema)).items.map((i) => i.tid);
    expect(await search("frobnicator")).toEqual([tid]);
    expect(await search("crash")).toEqual([tid]);
    expect(await search("quuxwidget")).toEqual([]);
  });

  test("the queue needs staff rights and a valid cursor", async () => {
    expect((await t.app.request("/api/v1/queue")).status).toBe(401);
    const bad = await t.app.request("/api/v1/queue?after=garbage", { headers: adminHeaders });
    expect(bad.status).toBe(422);
    expect((await errorOf(bad)).error.field).toBe("after");
    expect((await t.app.request("/api/v1/queue?limit=100000", { headers: adminHeaders })).status).toBe(422);
  });
});
