import { beforeAll, describe, expect, test } from "vitest";
import { eq, sql } from "drizzle-orm";
import { credentials, ticketEvents, tickets } from "../../server/db/schema";
import { foundTicketSchema, meSchema, myTicketListSchema } from "../../shared/api/session-responses";
import { credentialRefSchema, credentialRevealedSchema, ratingStateSchema, reopenedSchema } from "../../shared/api/ticket-responses";
import { ticketCreatedSchema } from "../../shared/api/tickets";
import { answerOf, errorOf } from "../support/answers";
import { drivers } from "../support/databases";
import { clientSession, mailedLinkToken, staffSession } from "../support/sessions";
import { adminHeaders, postJson, clockedApp, type TestApp } from "../support/test-app";

const json = (body: unknown, headers: Record<string, string> = {}) => ({ method: "POST", headers: { "Content-Type": "application/json", ...headers }, body: JSON.stringify(body) });

describe.each(drivers())("accounts, sessions and the vault on %s", (driver) => {
  let t: TestApp;
  const clock = clockedApp(driver, "2026-03-02T08:00:00Z");
  beforeAll(() => { t = clock.t; });

  test("staff sign in with a password; the cookie is HttpOnly and SameSite; writes need the CSRF token", async () => {
    const s = await staffSession(t, "agent1@support.example", "agent");
    const login = await t.app.request("/api/v1/auth/login", json({ email: "agent1@support.example", password: "correct horse battery" }));
    const cookie = login.headers.get("set-cookie")!;
    expect(cookie).toMatch(/HttpOnly/i);
    expect(cookie).toMatch(/SameSite=Lax/i);
    const me = await answerOf(await t.app.request("/api/v1/auth/me", { headers: { Cookie: s.cookie } }), meSchema);
    expect(me.principal).toMatchObject({ kind: "staff", email: "agent1@support.example", role: "agent" });
    const { tid } = await answerOf(await postJson(t, "/api/v1/tickets", { email: "c@example.org", description: "x" }), ticketCreatedSchema);
    const noCsrf = await t.app.request(`/api/v1/tickets/${tid}/status`, json({ status: "open" }, { Cookie: s.cookie }));
    expect(noCsrf.status).toBe(403);
    expect((await errorOf(noCsrf)).error.code).toBe("CSRF_FAILED");
    const foreign = await t.app.request(`/api/v1/tickets/${tid}/status`, json({ status: "open" }, { ...s.headers, Origin: "https://evil.example" }));
    expect(foreign.status).toBe(403);
    expect((await t.app.request(`/api/v1/tickets/${tid}/status`, json({ status: "open" }, s.headers))).status).toBe(200);
  });

  test("20 wrong staff passwords in a minute lock that login for a while", async () => {
    await staffSession(t, "locked@support.example", "agent");
    for (let i = 0; i < 20; i++) {
      const r = await t.app.request("/api/v1/auth/login", json({ email: "locked@support.example", password: `wrong ${i}` }));
      expect(r.status).toBe(401);
    }
    const right = await t.app.request("/api/v1/auth/login", json({ email: "locked@support.example", password: "correct horse battery" }));
    expect(right.status).toBe(423);
    expect((await errorOf(right)).error).toMatchObject({ code: "ACCOUNT_LOCKED" });
    clock.advance(16 * 60_000);
    expect((await t.app.request("/api/v1/auth/login", json({ email: "locked@support.example", password: "correct horse battery" }))).status).toBe(200);
  });

  test("a sign-in link works once and only for 15 minutes", async () => {
    await clientSession(t, "once@kunde.example");
    const used = await mailedLinkToken(t, "once@kunde.example");
    const again = await t.app.request("/api/v1/auth/link/consume", json({ token: used }));
    expect(again.status).toBe(410);
    expect((await errorOf(again)).error.code).toBe("LINK_INVALID");
    await t.app.request("/api/v1/auth/link", json({ email: "late@kunde.example" }));
    const late = await mailedLinkToken(t, "late@kunde.example");
    clock.advance(16 * 60_000);
    expect((await t.app.request("/api/v1/auth/link/consume", json({ token: late }))).status).toBe(410);
    // Asking for a link says the same for any address, so it cannot be used to probe for clients.
    const unknown = await t.app.request("/api/v1/auth/link", json({ email: "nobody@nowhere.example" }));
    expect(unknown.status).toBe(202);
  });

  test("credentials are sealed, revealed only to staff with an event, and destroyed when the ticket is resolved", async () => {
    const secret = "Sup3r-S3cret-FTP-pa55word!";
    const { tid } = await answerOf(await postJson(t, "/api/v1/tickets", { email: "vault@kunde.example", description: "Need FTP help" }), ticketCreatedSchema);
    const client = await clientSession(t, "vault@kunde.example");
    const added = await t.app.request(`/api/v1/tickets/${tid}/credentials`, json({ kind: "ftp", label: "FTP", host: "ftp.kunde.example", username: "web1", secret }, client.headers));
    expect(added.status).toBe(201);
    const addedText = await added.clone().text();
    expect(addedText).not.toContain(secret);
    const { id } = await answerOf(added, credentialRefSchema);
    const [row] = await t.deps.db.select().from(credentials).where(eq(credentials.id, id));
    expect(row!.sealed).not.toContain(secret);
    expect(Buffer.from(row!.sealed, "base64").toString("latin1")).not.toContain(secret);

    const list = await (await t.app.request(`/api/v1/tickets/${tid}/credentials`, { headers: client.headers })).text();
    expect(list).not.toContain(secret);
    expect((await t.app.request(`/api/v1/tickets/${tid}/credentials/${id}/reveal`, json({}, client.headers))).status).toBe(403);
    const agent = await staffSession(t, "agent2@support.example", "agent");
    const revealed = await answerOf(await t.app.request(`/api/v1/tickets/${tid}/credentials/${id}/reveal`, json({}, agent.headers)), credentialRevealedSchema);
    expect(revealed).toMatchObject({ secret, username: "web1", host: "ftp.kunde.example" });
    const view = await (await t.app.request(`/api/v1/tickets/${tid}`, { headers: agent.headers })).text();
    expect(view).not.toContain(secret);

    const [tk] = await t.deps.db.select().from(tickets).where(eq(tickets.tid, tid));
    const events = await t.deps.db.select().from(ticketEvents).where(eq(ticketEvents.ticketId, tk!.id));
    expect(events.filter((e) => e.type === "credentials-revealed").map((e) => e.actor)).toEqual(["staff:agent2@support.example"]);

    expect((await t.app.request(`/api/v1/tickets/${tid}/status`, json({ status: "resolved" }, agent.headers))).status).toBe(200);
    const left = await t.deps.db.execute(sql`select count(*)::int as n from credentials where ticket_id = ${tk!.id}`);
    expect(JSON.stringify(left)).toMatch(/"n":0/);
    const allEvents = JSON.stringify(await t.deps.db.select().from(ticketEvents));
    expect(allEvents).not.toContain(secret);
    expect(t.logs.join("")).not.toContain(secret);
    expect(t.logs.join("")).not.toContain("Sup3r");
  });

  test("the portal lists my tickets, finds one by TID and hints at a typo", async () => {
    const a = await answerOf(await postJson(t, "/api/v1/tickets", { email: "finder@kunde.example", description: "first" }), ticketCreatedSchema);
    await postJson(t, "/api/v1/tickets", { email: "other@kunde.example", description: "not mine" });
    const s = await clientSession(t, "finder@kunde.example");
    const mine = await answerOf(await t.app.request("/api/v1/portal/tickets", { headers: s.headers }), myTicketListSchema);
    expect(mine.items.map((i) => i.tid)).toEqual([a.tid]);
    expect((await answerOf(await t.app.request(`/api/v1/portal/find?tid=TID%23${a.tid}`, { headers: s.headers }), foundTicketSchema)).tid).toBe(a.tid);
    const typo = a.tid.slice(0, -2) + a.tid.at(-1) + a.tid.at(-2);
    if (typo !== a.tid) {
      const hint = await t.app.request(`/api/v1/portal/find?tid=${typo}`, { headers: s.headers });
      expect(hint.status).toBe(422);
      expect((await errorOf(hint)).error.message).toContain(`Did you mean TID#${a.tid}`);
    }
  });

  test("the portal's ticket form checks its Idempotency-Key like the API and replays a repeated one", async () => {
    const s = await clientSession(t, "keys@kunde.example");
    const send = (key: string) => t.app.request("/api/v1/portal/tickets", {
      method: "POST", headers: { ...s.headers, "Content-Type": "application/json", "Idempotency-Key": key }, body: JSON.stringify({ description: "Form sent twice" }),
    });
    const bad = await send("short");
    expect(bad.status).toBe(422);
    expect((await errorOf(bad)).error).toMatchObject({ code: "VALIDATION_FAILED", field: "Idempotency-Key" });
    const first = await send("portal-0123456789abcdef");
    const again = await send("portal-0123456789abcdef");
    expect(first.status).toBe(201);
    expect((await answerOf(again, ticketCreatedSchema)).tid).toBe((await answerOf(first, ticketCreatedSchema)).tid);
  });

  test("reopen, two-step rating and escalation by the client", async () => {
    const { tid } = await answerOf(await postJson(t, "/api/v1/tickets", { email: "rater@kunde.example", description: "rate me" }), ticketCreatedSchema);
    const s = await clientSession(t, "rater@kunde.example");
    expect((await t.app.request(`/api/v1/tickets/${tid}/reopen`, json({ reason: "not closed yet" }, s.headers))).status).toBe(409);
    await postJson(t, `/api/v1/tickets/${tid}/status`, { status: "resolved" }, adminHeaders);
    const vote = await answerOf(await t.app.request(`/api/v1/tickets/${tid}/rating`, json({ score: 5, comment: "Quick" }, s.headers)), ratingStateSchema);
    expect(vote.confirmed).toBe(false);
    const [tk] = await t.deps.db.select().from(tickets).where(eq(tickets.tid, tid));
    const before = await t.deps.db.select().from(ticketEvents).where(eq(ticketEvents.ticketId, tk!.id));
    expect(before.some((e) => e.type === "rated")).toBe(false);
    expect((await answerOf(await t.app.request(`/api/v1/tickets/${tid}/rating/confirm`, json({}, s.headers)), ratingStateSchema)).confirmed).toBe(true);
    const reopened = await t.app.request(`/api/v1/tickets/${tid}/reopen`, json({ reason: "It broke again" }, s.headers));
    expect(reopened.status).toBe(200);
    expect((await answerOf(reopened, reopenedSchema)).status).toBe("open");

    const esc = await t.app.request(`/api/v1/tickets/${tid}/escalations`, json({ target: "supervisor", reason: "Urgent for our shop" }, s.headers));
    expect(esc.status).toBe(201);
    const types = (await t.deps.db.select().from(ticketEvents).where(eq(ticketEvents.ticketId, tk!.id))).map((e) => e.type);
    expect(types).toEqual(expect.arrayContaining(["rated", "reopened", "escalated"]));
  });
});
