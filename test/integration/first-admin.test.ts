/**
 * Day one without stopping the server (issue 13): the one-time setup link creates the first admin
 * and is spent on use; a printed one-time password is replaced at the first sign-in before
 * anything else works; staff change their own password; admin actions record their real actor.
 */
import { beforeAll, describe, expect, test } from "vitest";
import { eq } from "drizzle-orm";
import { closures, holidays, sessions, staff } from "../../server/db/schema";
import { issueSetupLink } from "../../server/services/accounts/setup-link";
import { addStaff } from "../../server/services/accounts/staff-accounts";
import { drivers } from "../support/databases";
import { sessionFrom, staffSession, type Session } from "../support/sessions";
import { adminHeaders, postJson, clockedApp, type TestApp } from "../support/test-app";
import { answerOf, errorOf } from "../support/answers";
import { meSchema, signedInSchema } from "../../shared/api/session-responses";

const json = (body: unknown, headers: Record<string, string> = {}) => ({ method: "POST", headers: { "Content-Type": "application/json", ...headers }, body: JSON.stringify(body) });

async function login(t: TestApp, email: string, password: string): Promise<{ res: Response; session: Session; body: { principal: Record<string, unknown> } }> {
  const res = await postJson(t, "/api/v1/auth/login", { email, password });
  const body = await answerOf(res.clone(), signedInSchema);
  return { res, body, session: res.ok ? sessionFrom(res, body.csrfToken) : { cookie: "", csrf: "", headers: {} } };
}

describe.each(drivers())("first admin and passwords on %s", (driver) => {
  let t: TestApp;
  const clock = clockedApp(driver, "2026-03-02T10:00:00Z");
  beforeAll(() => { t = clock.t; });

  test("the setup link creates the first admin once; a newer link voids an older one; then no link is made", async () => {
    const older = await issueSetupLink(t.deps);
    const url = await issueSetupLink(t.deps);
    expect(url).toMatch(/\/console\/setup\?token=[A-Za-z0-9_-]{43}$/);
    const token = new URL(url!).searchParams.get("token")!;
    const oldToken = new URL(older!).searchParams.get("token")!;
    expect(await (await t.app.request(`/api/v1/auth/setup?token=${oldToken}`)).json()).toEqual({ usable: false });
    expect(await (await t.app.request(`/api/v1/auth/setup?token=${token}`)).json()).toEqual({ usable: true });

    const short = await postJson(t, "/api/v1/auth/setup", { token, email: "first@support.test", password: "short" });
    expect(short.status).toBe(422);
    // A refused attempt does not spend the link.
    expect(await (await t.app.request(`/api/v1/auth/setup?token=${token}`)).json()).toEqual({ usable: true });

    const made = await postJson(t, "/api/v1/auth/setup", { token, email: "First@Support.test", name: "First Admin", password: "a long enough password" });
    expect(made.status).toBe(201);
    expect(made.headers.get("set-cookie")).toMatch(/HttpOnly/i);
    const body = await answerOf(made, signedInSchema);
    expect(body.principal).toMatchObject({ kind: "staff", email: "first@support.test", role: "admin" });
    const me = await t.app.request("/api/v1/admin/staff", { headers: sessionFrom(made, body.csrfToken).headers });
    expect(me.status).toBe(200);

    const again = await postJson(t, "/api/v1/auth/setup", { token, email: "second@support.test", password: "a long enough password" });
    expect(again.status).toBe(410);
    expect((await errorOf(again)).error.code).toBe("LINK_INVALID");
    expect(await t.deps.db.select().from(staff).where(eq(staff.email, "second@support.test"))).toEqual([]);
    expect(await (await t.app.request(`/api/v1/auth/setup?token=${token}`)).json()).toEqual({ usable: false });
    expect(await issueSetupLink(t.deps)).toBeNull();
    expect(t.logs.join("")).not.toContain(token);
  });

  test("a setup link runs out after 24 hours", async () => {
    await t.deps.db.update(staff).set({ disabled: true }).where(eq(staff.role, "admin"));
    try {
      const token = new URL((await issueSetupLink(t.deps))!).searchParams.get("token")!;
      clock.advance(24 * 3_600_000 + 1000);
      const late = await postJson(t, "/api/v1/auth/setup", { token, email: "late@support.test", password: "a long enough password" });
      expect(late.status).toBe(410);
    } finally {
      await t.deps.db.update(staff).set({ disabled: false }).where(eq(staff.role, "admin"));
    }
  });

  test("a printed one-time password works only to choose a new one; the other sessions end", async () => {
    const added = await addStaff(t.deps, { email: "new-agent@support.test", role: "agent" });
    expect(added.generatedPassword).toMatch(/^[A-Za-z0-9_-]{16}$/);
    const first = await login(t, "new-agent@support.test", added.generatedPassword!);
    expect(first.res.status).toBe(200);
    expect(first.body.principal).toMatchObject({ kind: "staff", mustChangePassword: true });
    const other = await login(t, "new-agent@support.test", added.generatedPassword!);

    const queue = await t.app.request("/api/v1/queue", { headers: first.session.headers });
    expect(queue.status).toBe(403);
    expect((await errorOf(queue)).error.code).toBe("PASSWORD_CHANGE_REQUIRED");
    expect((await answerOf(await t.app.request("/api/v1/auth/me", { headers: first.session.headers }), meSchema)).principal).toHaveProperty("mustChangePassword", true);

    const wrong = await t.app.request("/api/v1/auth/password", json({ current: "not it at all", next: "my very own password" }, first.session.headers));
    expect(wrong.status).toBe(401);
    expect((await errorOf(wrong)).error.field).toBe("current");
    const same = await t.app.request("/api/v1/auth/password", json({ current: added.generatedPassword, next: added.generatedPassword }, first.session.headers));
    expect(same.status).toBe(422);
    const noCsrf = await t.app.request("/api/v1/auth/password", json({ current: added.generatedPassword, next: "my very own password" }, { Cookie: first.session.cookie }));
    expect(noCsrf.status).toBe(403);
    const changed = await t.app.request("/api/v1/auth/password", json({ current: added.generatedPassword, next: "my very own password" }, first.session.headers));
    expect(changed.status).toBe(200);

    expect((await t.app.request("/api/v1/queue", { headers: first.session.headers })).status).toBe(200);
    expect((await answerOf(await t.app.request("/api/v1/auth/me", { headers: other.session.headers }), meSchema)).principal.kind).toBe("anonymous");
    expect((await login(t, "new-agent@support.test", added.generatedPassword!)).res.status).toBe(401);
    const mine = await login(t, "new-agent@support.test", "my very own password");
    expect(mine.body.principal.mustChangePassword).toBeUndefined();
    const [row] = await t.deps.db.select().from(staff).where(eq(staff.email, "new-agent@support.test"));
    expect(row!.mustChangePassword).toBe(false);
    expect(await t.deps.db.select().from(sessions).where(eq(sessions.staffId, row!.id))).toHaveLength(2);
    expect(t.logs.join("")).not.toContain("my very own password");
  });

  test("holidays and closures record the admin who made them, not the token", async () => {
    const admin = await staffSession(t, "calendar-admin@support.test", "admin");
    expect((await t.app.request("/api/v1/admin/holidays", json({ date: "2026-12-28", name: "Team day" }, admin.headers))).status).toBe(201);
    expect((await t.app.request("/api/v1/admin/holidays", json({ date: "2026-12-29", name: "Token day" }, adminHeaders))).status).toBe(201);
    const closure = await t.app.request("/api/v1/admin/closures", json({ name: "Move", startsAt: "2026-12-30T09:00:00+01:00", endsAt: "2026-12-30T12:00:00+01:00" }, admin.headers));
    expect(closure.status).toBe(201);
    const byDate = Object.fromEntries((await t.deps.db.select().from(holidays)).map((h) => [h.date, h.createdBy]));
    expect(byDate["2026-12-28"]).toBe("staff:calendar-admin@support.test");
    expect(byDate["2026-12-29"]).toBe("admin");
    expect((await t.deps.db.select().from(closures)).map((c) => c.createdBy)).toContain("staff:calendar-admin@support.test");
  });
});
