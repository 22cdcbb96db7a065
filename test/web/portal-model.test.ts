import { describe, expect, test } from "vitest";
import { ERROR_STATUS, type ErrorCode } from "../../shared/error-codes";
import type { Schedule } from "../../shared/api/calendar";
import { createApi } from "../../web/shared/api";
import { responseText } from "../../web/shared/format";
import { LANGS, PORTAL_TEXTS, chooseLang, errorText } from "../../web/shared/i18n";
import { parseRoute, paths } from "../../web/shared/router";
import { digitsOf, suggestionsFrom } from "../../web/portal/parts/FindByTid";
import { hourLines } from "../../web/portal/parts/Footer";
import { apiError, fakeServer } from "./harness";

describe("portal texts", () => {
  test.each(LANGS)("every API error code has a %s sentence, and no network is worded too", (lang) => {
    for (const code of [...Object.keys(ERROR_STATUS), "NETWORK", "UNKNOWN"] as ErrorCode[]) {
      expect(errorText(lang, { code }, { fileName: "shot.bmp", size: 11 * 1024 * 1024, count: 11 }), code).toMatch(/^[A-Z„"“].{15,}[.!?]$/);
    }
  });

  test("German has every text English has, and differs where it should", () => {
    const keys = (o: object, prefix = ""): string[] =>
      Object.entries(o as Record<string, unknown>).flatMap(([k, v]) => (v && typeof v === "object" ? keys(v, `${prefix}${k}.`) : [`${prefix}${k}`]));
    expect(keys(PORTAL_TEXTS.de).sort()).toEqual(keys(PORTAL_TEXTS.en).sort());
    expect(PORTAL_TEXTS.de.link.button).toBe("Anmelden");
    expect(PORTAL_TEXTS.de.status["pending-client"]).not.toBe(PORTAL_TEXTS.en.status["pending-client"]);
  });

  test("the language: a saved choice, else the browser's first we have, else English", () => {
    expect(chooseLang(null, ["de-AT", "en"])).toBe("de");
    expect(chooseLang("en", ["de-DE"])).toBe("en");
    expect(chooseLang(null, ["fr-FR", "it"])).toBe("en");
  });
});

describe("portal addresses", () => {
  test("every page has an address; a TID with a wrong check digit is not a ticket page", () => {
    expect(parseRoute("/portal/", "")).toEqual({ name: "tickets" });
    expect(parseRoute("/portal", "")).toEqual({ name: "tickets" });
    expect(parseRoute("/portal/new", "")).toEqual({ name: "new" });
    expect(parseRoute("/portal/sign-in", "?token=abc&next=%2Fportal%2Ft%2F1000015")).toEqual({ name: "signIn", token: "abc", next: "/portal/t/1000015" });
    // The rating link of the "resolved" mail: /portal/t/<tid>?token=…&rate=1
    expect(parseRoute("/portal/t/1000015", "?token=sig&rate=1")).toEqual({ name: "ticket", tid: "1000015", token: "sig", rate: true });
    expect(parseRoute("/portal/tickets/1000015", "")).toMatchObject({ name: "ticket", tid: "1000015", token: null, rate: false });
    expect(parseRoute("/portal/t/1000016", "")).toEqual({ name: "notFound" });
    expect(parseRoute("/portal/elsewhere", "")).toEqual({ name: "notFound" });
    expect(paths.ticket("1000015")).toBe("/portal/t/1000015");
  });
});

describe("find by TID", () => {
  test("the server's suggestions are read from its message; the typed number is not one of them", () => {
    const message = "TID#1000016 has a typing mistake: its check digit does not match. Did you mean TID#1000015 or TID#1000061?";
    expect(suggestionsFrom(message, "1000016")).toEqual(["1000015", "1000061"]);
    expect(suggestionsFrom("This is not a valid ticket number: its check digit does not match.", "1000016")).toEqual([]);
    expect(digitsOf(" [TID#1000015] ")).toBe("1000015");
    expect(digitsOf("tid 1000015")).toBe("1000015");
    expect(digitsOf("abc")).toBeNull();
  });
});

describe("schedule and response times in words", () => {
  test("days with the same hours are one line", () => {
    const open = [{ open: "09:00", close: "18:00" }];
    const s: Schedule = {
      timeZone: "Europe/Berlin",
      hours: ["monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday"].map((day, i) => ({ day: day as never, intervals: i < 5 ? open : [] })),
      holidays: [],
      closures: [],
    };
    expect(hourLines(s, "en-GB", "closed")).toEqual([{ days: "Monday – Friday", hours: "09:00–18:00" }, { days: "Saturday – Sunday", hours: "closed" }]);
    expect(hourLines(s, "de-DE", "geschlossen")[0]).toEqual({ days: "Montag – Freitag", hours: "09:00–18:00" });
  });

  test("answered, paused, due, overdue, nothing due", () => {
    const t = PORTAL_TEXTS.en;
    const now = new Date("2026-03-02T09:00:00Z");
    const at = (o: object) => responseText({ status: "open", responseDueAt: null, firstResponseAt: null, ...o } as never, t, "en-GB", now, "Europe/Berlin").text;
    expect(at({ responseDueAt: "2026-03-02T14:00:00Z" })).toBe("Answer due in 5 hours (by Monday 2 March at 15:00 CET)");
    expect(at({ responseDueAt: "2026-03-02T08:00:00Z" })).toBe("Answer overdue since 2 Mar 2026, 09:00 CET");
    expect(at({ status: "pending-client", responseDueAt: "2026-03-03T08:00:00Z" })).toBe("Waiting for your reply; the clock is paused");
    expect(at({ firstResponseAt: "2026-03-02T08:30:00Z", answeredAt: "2026-03-02T08:30:00Z" })).toBe("Answered 2 Mar 2026, 09:30 CET");
    expect(at({ status: "resolved" })).toBe("No answer due");
  });
});

describe("the API client", () => {
  test("writes carry the CSRF token of the session, and the mail link's token when there is one", async () => {
    const server = fakeServer();
    server.on("GET /auth/me", { status: 200, body: { principal: { kind: "client", email: "c@x.example" }, csrfToken: "csrf-1" } });
    server.on("POST /tickets/1000015/reopen", { status: 200, body: { tid: "1000015", status: "open", responseDueAt: null } });
    server.on("GET /tickets/1000015?token=sig%2Fx", { status: 200, body: {} });
    const api = createApi(server.fetch);
    await api.me();
    expect((await api.reopen("1000015", "still broken", "sig/x")).ok).toBe(true);
    await api.ticket("1000015", "sig/x");
    const [, reopen, get] = server.calls;
    expect(reopen!.headers).toMatchObject({ "X-CSRF-Token": "csrf-1", "X-Ticket-Token": "sig/x", "Content-Type": "application/json" });
    expect(reopen!.json).toEqual({ reason: "still broken" });
    expect(get!.headers["X-CSRF-Token"]).toBeUndefined();
  });

  test("failures come back as values: the server's code, or NETWORK when nothing answered", async () => {
    const server = fakeServer();
    server.on("GET /portal/find?tid=123", apiError(422, "TID_INVALID", "bad", "tid"));
    const api = createApi(server.fetch);
    expect(await api.find("123")).toEqual({ ok: false, error: { status: 422, code: "TID_INVALID", message: "bad", field: "tid" } });
    expect(await api.schedule()).toEqual({ ok: false, error: { status: 0, code: "NETWORK", message: "no answer" } });
  });
});
