import { afterAll, beforeAll, describe, expect, test } from "vitest";
import { and, eq } from "drizzle-orm";
import { outbox, requesters, tickets } from "../../server/db/schema";
import { fromAcceptLanguage } from "../../shared/locale";
import { drivers } from "../support/databases";
import { clientSession } from "../support/sessions";
import { adminHeaders, postJson, startTestApp, type TestApp } from "../support/test-app";
import { answerOf, errorOf } from "../support/answers";
import { ticketCreatedSchema } from "../../shared/api/tickets";

describe("Accept-Language", () => {
  test("the first of our languages by weight, then order; nothing when none is ours", () => {
    expect(fromAcceptLanguage("de-DE,de;q=0.9,en;q=0.8")).toBe("de");
    expect(fromAcceptLanguage("fr-CH, fr;q=0.9, en;q=0.8, de;q=0.7")).toBe("en");
    expect(fromAcceptLanguage("en;q=0.5, de-AT;q=0.6")).toBe("de");
    expect(fromAcceptLanguage("de;q=0, en-US")).toBe("en");
    expect(fromAcceptLanguage("fr, es")).toBeNull();
    expect(fromAcceptLanguage("*")).toBeNull();
    expect(fromAcceptLanguage(undefined)).toBeNull();
  });
});

/** Issue 13: the ticket speaks the client's language, and the requester's last choice is remembered. */
describe.each(drivers())("the ticket's language on %s", (driver) => {
  let t: TestApp;
  beforeAll(async () => { t = await startTestApp(driver); });
  afterAll(async () => { await t?.close(); });

  const localeOf = async (tid: string) => (await t.deps.db.select({ locale: tickets.locale }).from(tickets).where(eq(tickets.tid, tid)))[0]!.locale;
  const ackOf = async (tid: string) => {
    const [tk] = await t.deps.db.select({ id: tickets.id }).from(tickets).where(eq(tickets.tid, tid));
    return (await t.deps.db.select().from(outbox).where(and(eq(outbox.ticketId, tk!.id), eq(outbox.kind, "acknowledgement"))))[0]!;
  };
  const remembered = async (email: string) => (await t.deps.db.select({ locale: requesters.locale }).from(requesters).where(eq(requesters.email, email)))[0]?.locale;

  test("Accept-Language makes a German ticket and a German acknowledgement; the choice is remembered", async () => {
    const r = await postJson(t, "/api/v1/tickets", { email: "de@kunde.example", description: "Fehler 500" }, { "Accept-Language": "de-DE,de;q=0.9,en;q=0.8" });
    expect(r.status).toBe(201);
    const { tid } = await answerOf(r, ticketCreatedSchema);
    expect(await localeOf(tid)).toBe("de");
    expect((await ackOf(tid)).textBody).toContain("vielen Dank für Ihre Anfrage");
    expect(await remembered("de@kunde.example")).toBe("de");
    // A later request that says nothing (curl, no header) speaks the remembered language.
    const later = await answerOf(await postJson(t, "/api/v1/tickets", { email: "de@kunde.example", description: "Noch ein Fehler" }), ticketCreatedSchema);
    expect(await localeOf(later.tid)).toBe("de");
    // So does every later mail of the ticket: a staff answer, a resolution.
    expect((await postJson(t, `/api/v1/tickets/${later.tid}/status`, { status: "resolved" }, adminHeaders)).status).toBe(200);
    const [tk] = await t.deps.db.select({ id: tickets.id }).from(tickets).where(eq(tickets.tid, later.tid));
    const [resolved] = await t.deps.db.select().from(outbox).where(and(eq(outbox.ticketId, tk!.id), eq(outbox.kind, "resolved")));
    expect(resolved!.subject).toMatch(/Gelöst|gelöst/);
  });

  test("the page's language (the locale field) wins over the browser's Accept-Language and becomes the new choice", async () => {
    const r = await postJson(t, "/api/v1/tickets", { email: "mixed@kunde.example", description: "x", locale: "de" }, { "Accept-Language": "en-GB" });
    expect(await localeOf((await answerOf(r, ticketCreatedSchema)).tid)).toBe("de");
    const en = await postJson(t, "/api/v1/tickets", { email: "mixed@kunde.example", description: "y", locale: "en" });
    expect(await localeOf((await answerOf(en, ticketCreatedSchema)).tid)).toBe("en");
    expect(await remembered("mixed@kunde.example")).toBe("en");
    const bad = await postJson(t, "/api/v1/tickets", { email: "mixed@kunde.example", description: "z", locale: "fr" });
    expect(bad.status).toBe(422);
    expect((await errorOf(bad)).error.field).toBe("locale");
  });

  test("a French browser is no choice: English, and the remembered language stays", async () => {
    await postJson(t, "/api/v1/tickets", { email: "fr@kunde.example", description: "a", locale: "de" });
    const r = await postJson(t, "/api/v1/tickets", { email: "fr@kunde.example", description: "b" }, { "Accept-Language": "fr-FR,fr" });
    expect(await localeOf((await answerOf(r, ticketCreatedSchema)).tid)).toBe("de");
    expect(await remembered("fr@kunde.example")).toBe("de");
    const stranger = await postJson(t, "/api/v1/tickets", { email: "nobody@kunde.example", description: "c" }, { "Accept-Language": "fr" });
    expect(await localeOf((await answerOf(stranger, ticketCreatedSchema)).tid)).toBe("en");
  });

  test("the portal's form sends its language: a German portal ticket", async () => {
    const s = await clientSession(t, "portal@kunde.example");
    const fd = new FormData();
    fd.set("description", "Im Portal gemeldet");
    fd.set("locale", "de");
    const r = await t.app.request("/api/v1/portal/tickets", { method: "POST", headers: { ...s.headers, "Idempotency-Key": "portal-locale-0001" }, body: fd });
    expect(r.status).toBe(201);
    expect(await localeOf((await answerOf(r, ticketCreatedSchema)).tid)).toBe("de");
  });
});
