import type { TestApp } from "./test-app";
import type { StaffRole } from "../../shared/roles";
import { addStaff } from "../../server/services/accounts/staff-accounts";
import { outbox } from "../../server/db/schema";
import { and, desc, eq } from "drizzle-orm";
import { answerOf } from "./answers";
import { signedInSchema } from "../../shared/api/session-responses";

export interface Session { cookie: string; csrf: string; headers: Record<string, string> }

export function sessionFrom(res: Response, csrf: string): Session {
  const cookie = res.headers.get("set-cookie")!.split(";")[0]!;
  return { cookie, csrf, headers: { Cookie: cookie, "X-CSRF-Token": csrf } };
}

export async function staffSession(t: TestApp, email: string, role: StaffRole): Promise<Session> {
  await addStaff(t.deps, { email, role, password: "correct horse battery" }).catch(() => {});
  const res = await t.app.request("/api/v1/auth/login", { method: "POST", headers: { "Content-Type": "application/json" }, body: JSON.stringify({ email, password: "correct horse battery" }) });
  if (res.status !== 200) throw new Error(`login failed: ${res.status} ${await res.text()}`);
  return sessionFrom(res, (await answerOf(res, signedInSchema)).csrfToken);
}

/** The sign-in link a client was mailed, read from the outbox. */
export async function mailedLinkToken(t: TestApp, email: string): Promise<string> {
  const [mail] = await t.deps.db.select().from(outbox).where(and(eq(outbox.toAddress, email), eq(outbox.kind, "sign-in"))).orderBy(desc(outbox.id)).limit(1);
  return /token=([A-Za-z0-9_-]+)/.exec(mail!.textBody)![1]!;
}

export async function clientSession(t: TestApp, email: string): Promise<Session> {
  const asked = await t.app.request("/api/v1/auth/link", { method: "POST", headers: { "Content-Type": "application/json" }, body: JSON.stringify({ email }) });
  if (asked.status !== 202) throw new Error(`link request failed: ${asked.status}`);
  const token = await mailedLinkToken(t, email);
  const res = await t.app.request("/api/v1/auth/link/consume", { method: "POST", headers: { "Content-Type": "application/json" }, body: JSON.stringify({ token }) });
  if (res.status !== 200) throw new Error(`consume failed: ${res.status} ${await res.text()}`);
  return sessionFrom(res, (await answerOf(res, signedInSchema)).csrfToken);
}
