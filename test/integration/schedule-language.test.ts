import { afterAll, beforeAll, describe, expect, test } from "vitest";
import { drivers } from "../support/databases";
import { adminHeaders, postJson, startTestApp, type TestApp } from "../support/test-app";

/** Issue 13: the published holidays are named in the reader's language; an admin's name stays theirs. */
describe.each(drivers())("holiday names in the reader's language on %s", (driver) => {
  let t: TestApp;
  beforeAll(async () => {
    t = await startTestApp(driver);
    t.deps.now = () => new Date("2026-09-01T10:00:00Z");
    expect((await postJson(t, "/api/v1/admin/holidays", { date: "2026-12-24", name: "Heiligabend" }, adminHeaders)).status).toBe(201);
  });
  afterAll(async () => { await t?.close(); });

  const names = async (headers: Record<string, string>, query = "") => {
    const r = await t.app.request(`/api/v1/schedule${query}`, { headers });
    expect(r.status).toBe(200);
    expect(r.headers.get("vary")).toMatch(/Accept-Language/i);
    return Object.fromEntries(((await r.json()) as { holidays: { date: string; name: string }[] }).holidays.map((h) => [h.date, h.name]));
  };

  test("English for an English reader, German for a German one and by default", async () => {
    const en = await names({ "Accept-Language": "en-GB,en;q=0.9" });
    expect(en).toMatchObject({ "2026-10-03": "German Unity Day", "2026-12-24": "Heiligabend", "2026-12-25": "Christmas Day", "2026-12-26": "Boxing Day", "2027-03-26": "Good Friday" });
    const de = await names({ "Accept-Language": "de-DE" });
    expect(de).toMatchObject({ "2026-10-03": "Tag der Deutschen Einheit", "2026-12-25": "1. Weihnachtstag" });
    expect(await names({})).toEqual(de);
    expect(await names({ "Accept-Language": "de-DE" }, "?locale=en")).toEqual(en);
    const ics = await (await t.app.request("/api/v1/schedule.ics", { headers: { "Accept-Language": "en" } })).text();
    expect(ics).toContain("SUMMARY:Christmas Day");
  });
});
