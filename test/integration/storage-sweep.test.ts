import { createHash, randomBytes } from "node:crypto";
import { afterAll, beforeAll, describe, expect, test } from "vitest";
import { sweepOrphanBlobs } from "../../server/services/tickets/storage-sweep";
import * as f from "../fixtures/files";
import { backends, storeEnv } from "../support/stores";
import { adminHeaders, startTestApp, type TestApp } from "../support/test-app";
import { answerOf } from "../support/answers";
import { ticketCreatedSchema } from "../../shared/api/tickets";
import { ticketViewSchema } from "../../shared/api/ticket-view";

const sha = (b: Uint8Array) => createHash("sha256").update(b).digest("hex");
const wait = (ms: number) => new Promise((r) => setTimeout(r, ms));

/**
 * The orphan sweep (start-up, and after a crash between a blob's write and its transaction): it
 * removes blobs no row references once they are older than the grace period, keeps referenced
 * ones whatever their age, and keeps an orphan that a request in flight has just put again.
 */
describe.each(backends())("the orphan sweep on %s with %s storage", (driver, store) => {
  let t: TestApp;
  beforeAll(async () => { t = await startTestApp(driver, storeEnv(store)); });
  afterAll(async () => { await t?.close(); });

  test("old orphans go, referenced blobs and a blob just put again stay", async () => {
    const png = f.bigPng(3000 + Math.floor(Math.random() * 1000));
    const fd = new FormData();
    fd.set("email", "sweep@example.org");
    fd.set("description", "A ticket whose screenshot must survive the sweep.");
    fd.append("attachments", new Blob([new Uint8Array(png)], { type: "image/png" }), "kept.png");
    const res = await t.app.request("/api/v1/tickets", { method: "POST", body: fd });
    expect(res.status).toBe(201);
    const { tid } = await answerOf(res, ticketCreatedSchema);

    const orphan = new Uint8Array(randomBytes(4000));
    const inFlight = new Uint8Array(randomBytes(5000));
    expect(await t.deps.blobs.put(sha(orphan), orphan)).toBe(true);
    expect(await t.deps.blobs.put(sha(inFlight), inFlight)).toBe(true);
    // Young blobs are left alone: another process may be about to commit the row that needs them.
    expect((await sweepOrphanBlobs(t.deps, 600_000)).removed).toBe(0);
    expect(await t.deps.blobs.exists(sha(orphan))).toBe(true);

    // Older than a 1 s grace (S3 keeps ages to the second); then a request puts one again.
    await wait(2100);
    expect(await t.deps.blobs.put(sha(inFlight), inFlight)).toBe(false);
    const swept = await sweepOrphanBlobs(t.deps, 1000);
    expect(swept.removed).toBe(1);
    expect(await t.deps.blobs.exists(sha(orphan))).toBe(false);
    expect(await t.deps.blobs.exists(sha(inFlight))).toBe(true);
    expect(await t.deps.blobs.exists(sha(png))).toBe(true);

    const view = await answerOf(await t.app.request(`/api/v1/tickets/${tid}`, { headers: adminHeaders }), ticketViewSchema);
    const download = await t.app.request(view.attachments.find((a) => a.fileName === "kept.png")!.url, { headers: adminHeaders });
    expect(download.status).toBe(200);
    expect(Buffer.from(await download.arrayBuffer()).equals(png)).toBe(true);
  });
});
