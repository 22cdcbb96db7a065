import { createHash, randomBytes } from "node:crypto";
import { afterAll, beforeAll, describe, expect, test } from "vitest";
import { kbImages } from "../../server/db/schema";
import { storeBlobs } from "../../server/services/tickets/blob-writes";
import { drivers } from "../support/databases";
import { startTestApp, type TestApp } from "../support/test-app";

/**
 * Two requests carrying the same bytes: X's transaction fails while Y's commits. If Y's row lands
 * between X's "who needs this blob" question and X's delete, Y found the blob present and will not
 * put it back, so X must see Y's row on asking again (services/tickets/blob-writes.ts).
 */
describe.each(drivers())("a failed request's cleanup on %s", (driver) => {
  let t: TestApp;
  beforeAll(async () => { t = await startTestApp(driver); });
  afterAll(async () => { await t?.close(); });

  test("does not take the bytes from a row committed between its check and its delete", async () => {
    const bytes = new Uint8Array(randomBytes(3000));
    const sha = createHash("sha256").update(bytes).digest("hex");
    const realDelete = t.deps.blobs.delete.bind(t.deps.blobs);
    // Y commits its row (a KB image here: any referencing row) just before X's delete reaches the store.
    const blobs = { ...t.deps.blobs, delete: async (s: string) => {
      await t.deps.db.insert(kbImages).values({ sha256: s, contentType: "image/png", size: bytes.length, createdAt: new Date() });
      await realDelete(s);
    } };
    await expect(storeBlobs({ ...t.deps, blobs }, [{ sha256: sha, source: bytes }], () => Promise.reject(new Error("X's transaction failed"))))
      .rejects.toThrow("X's transaction failed");
    expect(await t.deps.blobs.exists(sha)).toBe(true);
  });
});
