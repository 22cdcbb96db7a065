/**
 * Issue 11, acceptance 6: acknowledgements keep up with a burst. 300 tickets are registered at
 * once; every acknowledgement reaches a real SMTP sink within 60 s of the last 201, exactly once.
 * The sink answers each mail after 250 ms, as a relay across the internet does: against a sink
 * that answers at once even one connection sending mail after mail looks fast enough, and the
 * test would prove nothing about the pool (one connection at a time needs about 90 s here).
 */
import { afterAll, beforeAll, describe, expect, test } from "vitest";
import { eq } from "drizzle-orm";
import { outbox } from "../../server/db/schema";
import { drivers } from "../support/databases";
import { startMailApp, type MailApp } from "../support/mail-app";
import { postJson } from "../support/test-app";

const TICKETS = 300;
const WITHIN_MS = 60_000;
const SINK_DELAY_MS = 250;

describe.each(drivers())("acknowledgements of a burst of %s", (driver) => {
  let m: MailApp;
  beforeAll(async () => { m = await startMailApp(driver, { INTAKE_RATE_LIMIT: "100000" }, { delayMs: SINK_DELAY_MS }); });
  afterAll(async () => { await m?.close(); });

  test(`${TICKETS} tickets registered in a burst: all acknowledgements reach the sink within ${WITHIN_MS / 1000} s of the last 201`, async () => {
    const tids: string[] = [];
    let next = 0;
    // Ten clients at once, as a burst from a busy shop would come.
    await Promise.all(Array.from({ length: 10 }, async () => {
      while (next < TICKETS) {
        const i = next++;
        const res = await postJson(m.t, "/api/v1/tickets", { email: `burst${i}@kunde.example`, description: `Burst ticket ${i}` });
        expect(res.status).toBe(201);
        tids.push(((await res.json()) as { tid: string }).tid);
      }
    }));
    const last201 = Date.now();

    const acked = () => new Set(m.sink.received.map((x) => /\[TID#(\d+)\]/.exec(x.subject ?? "")?.[1]).filter(Boolean));
    await m.sink.waitFor(() => tids.every((t) => acked().has(t)), WITHIN_MS);
    const took = Date.now() - last201;
    expect(took).toBeLessThan(WITHIN_MS);

    // Exactly once: one mail per ticket, each with its own Message-ID, every row marked sent.
    await new Promise((r) => setTimeout(r, 1000));
    expect(m.sink.received).toHaveLength(TICKETS);
    expect(new Set(m.sink.received.map((x) => x.messageId)).size).toBe(TICKETS);
    const pending = await m.t.deps.db.select({ id: outbox.id }).from(outbox).where(eq(outbox.status, "pending"));
    expect(pending).toHaveLength(0);
    console.log(`${driver}: ${TICKETS} acknowledgements out ${(took / 1000).toFixed(1)} s after the last 201`);
  }, WITHIN_MS + 60_000);
});
