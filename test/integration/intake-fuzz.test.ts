import { afterAll, beforeAll, describe, expect, test } from "vitest";
import fc from "fast-check";
import { ERROR_STATUS, type ErrorBody } from "../../shared/error-codes";
import { drivers } from "../support/databases";
import { startTestApp, type TestApp } from "../support/test-app";

/** What must never reach a client: stack frames, driver and runtime error texts. */
const LEAKS = /\bat [\w.<>]+ \(|node_modules|\.ts:\d+|TypeError|ReferenceError|DrizzleQueryError|postgres|pglite|SQLSTATE|syntax error/i;

describe.each(drivers())("hostile input on %s", (driver) => {
  let t: TestApp;
  beforeAll(async () => { t = await startTestApp(driver); });
  afterAll(async () => { await t?.close(); });

  async function check(res: Response) {
    const text = await res.text();
    expect(res.status, text).toBeLessThan(500);
    expect(text).not.toMatch(LEAKS);
    if (res.status >= 400) {
      const body = JSON.parse(text) as ErrorBody;
      expect(Object.keys(ERROR_STATUS)).toContain(body.error.code);
      expect(ERROR_STATUS[body.error.code]).toBe(res.status);
      expect(body.error.message).toMatch(/\w/);
    }
  }

  const anyValue = fc.oneof(fc.string(), fc.string({ unit: "binary", maxLength: 300 }), fc.integer(), fc.double(), fc.boolean(), fc.constant(null), fc.array(fc.string(), { maxLength: 3 }), fc.object({ maxDepth: 1 }));
  const fieldNames = fc.constantFrom("email", "name", "subject", "description", "steps", "url", "productVersion", "edition", "urgent", "phpinfo", "attachments", "__proto__", "constructor");

  test("random JSON fields never give a 5xx or leak internals", async () => {
    await fc.assert(
      fc.asyncProperty(fc.dictionary(fieldNames, anyValue, { maxKeys: 8 }), fc.boolean(), async (fields, withValid) => {
        const body = withValid ? { email: "fuzz@example.org", description: "fuzz", ...fields } : fields;
        await check(await t.app.request("/api/v1/tickets", { method: "POST", headers: { "Content-Type": "application/json" }, body: JSON.stringify(body) }));
      }),
      { numRuns: 150 },
    );
  });

  test("random bytes as the body, under any content type, never give a 5xx", async () => {
    const types = fc.constantFrom("application/json", "multipart/form-data", "multipart/form-data; boundary=x", "text/plain", "application/x-www-form-urlencoded", "");
    await fc.assert(
      fc.asyncProperty(fc.uint8Array({ maxLength: 4096 }), types, async (bytes, type) => {
        await check(await t.app.request("/api/v1/tickets", { method: "POST", headers: type ? { "Content-Type": type } : {}, body: bytes }));
      }),
      { numRuns: 150 },
    );
  });

  test("random bytes as attachments and random text fields in multipart never give a 5xx", async () => {
    await fc.assert(
      fc.asyncProperty(
        fc.array(fc.uint8Array({ minLength: 0, maxLength: 2048 }), { maxLength: 4 }),
        fc.dictionary(fieldNames.filter((k) => k !== "attachments"), fc.string({ unit: "binary", maxLength: 200 }), { maxKeys: 6 }),
        fc.string({ unit: "binary", maxLength: 80 }),
        async (files, fields, fileName) => {
          const fd = new FormData();
          fd.set("email", "fuzz@example.org");
          fd.set("description", "fuzz");
          for (const [k, v] of Object.entries(fields)) fd.set(k, v);
          for (const b of files) fd.append("attachments", new Blob([new Uint8Array(b)]), fileName || "f");
          await check(await t.app.request("/api/v1/tickets", { method: "POST", body: fd }));
        },
      ),
      { numRuns: 100 },
    );
  });

  test("random paths and TIDs on the read routes never give a 5xx", async () => {
    await fc.assert(
      fc.asyncProperty(fc.string({ maxLength: 40 }), fc.string({ maxLength: 40 }), async (tid, id) => {
        const p = `/api/v1/tickets/${encodeURIComponent(tid)}/attachments/${encodeURIComponent(id)}?token=${encodeURIComponent(id)}`;
        await check(await t.app.request(p));
        await check(await t.app.request(`/api/v1/tickets/${encodeURIComponent(tid)}`, { headers: { Authorization: "Bearer test-admin-token-0123456789" } }));
      }),
      { numRuns: 150 },
    );
  });
});
