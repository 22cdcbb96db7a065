import { and, asc, desc, eq, gt, ilike, inArray, or, sql } from "drizzle-orm";
import type { LicenseListItem, OutboxListItem, OutboxMail, SiteListItem, StaffMember } from "../../../shared/api/console";
import type { Deps } from "../../deps";
import { licenseEmails, licenses, outbox, sessions, sites, staff, tickets } from "../../db/schema";
import type { StaffRole } from "../../../shared/roles";
import { recordEvents } from "../tickets/ticket-events";
import { localDate } from "../../domain/sla/local-date";
import { ApiError } from "../../errors";
import { addStaff } from "./staff-accounts";
import { siteView } from "./sites";
import { linksIn } from "../../../shared/mail-links";

/**
 * What admins list and the few changes they make from those lists. Every change is logged with the
 * actor (and, for mail of a ticket, written to the ticket's history too).
 */

const iso = (d: Date | null) => d?.toISOString() ?? null;
type Log = Pick<Deps, "log">;

export async function listStaff(deps: Pick<Deps, "db">): Promise<StaffMember[]> {
  const rows = await deps.db
    .select({ id: staff.id, email: staff.email, name: staff.name, role: staff.role, disabled: staff.disabled, lockedUntil: staff.lockedUntil, createdAt: staff.createdAt })
    .from(staff).orderBy(asc(staff.email));
  return rows.map((r) => ({ ...r, lockedUntil: iso(r.lockedUntil), createdAt: r.createdAt.toISOString() }));
}

export async function createStaff(deps: Pick<Deps, "db"> & Log, input: { email: string; role: StaffRole; name?: string; password?: string }, actor: string) {
  const r = await addStaff(deps, input);
  const [row] = await deps.db.select({ id: staff.id, name: staff.name, createdAt: staff.createdAt }).from(staff).where(eq(staff.email, r.email));
  deps.log.info({ actor, action: "staff-added", staffId: row!.id, email: r.email, role: r.role }, "staff member added");
  return { id: row!.id, email: r.email, role: r.role, name: row!.name, disabled: false, createdAt: row!.createdAt.toISOString(), generatedPassword: r.generatedPassword };
}

/**
 * Disabling signs the person out everywhere at once (their sessions go); enabling lets them sign in
 * again. Nobody disables their own account: an admin locked out by a slip of the mouse needs the token.
 */
export async function setStaffDisabled(deps: Pick<Deps, "db"> & Log, id: number, disabled: boolean, by: { actor: string; staffId: number | null }) {
  if (disabled && by.staffId === id) throw new ApiError("NOT_ALLOWED_NOW", "You cannot disable your own account; ask another admin.");
  return deps.db.transaction(async (tx) => {
    const [row] = await tx.select({ id: staff.id, email: staff.email, disabled: staff.disabled }).from(staff).where(eq(staff.id, id)).for("update");
    if (!row) throw new ApiError("NOT_FOUND", "There is no such staff member.");
    if (row.disabled !== disabled) {
      await tx.update(staff).set(disabled ? { disabled } : { disabled, failedLogins: 0, failedSince: null, lockedUntil: null }).where(eq(staff.id, id));
      if (disabled) await tx.delete(sessions).where(eq(sessions.staffId, id));
      deps.log.info({ actor: by.actor, action: disabled ? "staff-disabled" : "staff-enabled", staffId: id, email: row.email }, disabled ? "staff member disabled" : "staff member enabled");
    }
    return { id, email: row.email, disabled, changed: row.disabled !== disabled };
  });
}

/**
 * Changes a staff member's role, name or state. Nobody changes their own role or disables
 * themselves, and the last enabled admin stays an admin: otherwise the console could lose every
 * account able to administer it. A role change applies from the person's next request (sessions
 * read the role each time); disabling signs them out everywhere.
 */
export async function updateStaff(deps: Pick<Deps, "db"> & Log, id: number, input: { role?: StaffRole; name?: string | null; disabled?: boolean }, by: { actor: string; staffId: number | null }) {
  return deps.db.transaction(async (tx) => {
    const [row] = await tx.select().from(staff).where(eq(staff.id, id)).for("update");
    if (!row) throw new ApiError("NOT_FOUND", "There is no such staff member.");
    const demoted = input.role !== undefined && input.role !== row.role;
    const disabling = input.disabled === true && !row.disabled;
    if (by.staffId === id && (demoted || disabling)) throw new ApiError("NOT_ALLOWED_NOW", "You cannot change your own role or disable your own account; ask another admin.");
    if (row.role === "admin" && !row.disabled && ((demoted && input.role !== "admin") || disabling)) {
      const [other] = await tx.select({ id: staff.id }).from(staff).where(and(eq(staff.role, "admin"), eq(staff.disabled, false), sql`${staff.id} <> ${id}`)).limit(1);
      if (!other) throw new ApiError("NOT_ALLOWED_NOW", "This is the last admin account; make another admin first.");
    }
    const [updated] = await tx.update(staff).set({
      ...(input.role !== undefined ? { role: input.role } : {}),
      ...(input.name !== undefined ? { name: input.name } : {}),
      ...(input.disabled !== undefined ? { disabled: input.disabled } : {}),
      ...(input.disabled === false && row.disabled ? { failedLogins: 0, failedSince: null, lockedUntil: null } : {}),
    }).where(eq(staff.id, id)).returning();
    if (disabling) await tx.delete(sessions).where(eq(sessions.staffId, id));
    deps.log.info({ actor: by.actor, action: "staff-updated", staffId: id, email: row.email, changed: Object.keys(input) }, "staff member changed");
    const u = updated!;
    return { id, email: u.email, name: u.name, role: u.role, disabled: u.disabled, lockedUntil: iso(u.lockedUntil), createdAt: u.createdAt.toISOString() };
  });
}

export async function listLicenses(deps: Pick<Deps, "db" | "now" | "calendar">, q: { limit: number; after?: number; q?: string }) {
  const cal = await deps.calendar();
  const today = localDate(deps.now(), cal.timeZone);
  const like = q.q ? `%${q.q.replace(/[\\%_]/g, (ch) => `\\${ch}`)}%` : null;
  const match = like
    ? or(ilike(licenses.key, like), ilike(licenses.holder, like),
      sql`exists (select 1 from ${licenseEmails} le where le.license_id = ${licenses.id} and le.email ilike ${like})`)
    : undefined;
  const rows = await deps.db.select().from(licenses)
    .where(and(q.after !== undefined ? gt(licenses.id, q.after) : undefined, match))
    .orderBy(asc(licenses.id)).limit(q.limit + 1);
  const page = rows.slice(0, q.limit);
  const emails = page.length
    ? await deps.db.select().from(licenseEmails).where(inArray(licenseEmails.licenseId, page.map((l) => l.id))).orderBy(asc(licenseEmails.email))
    : [];
  const items: LicenseListItem[] = page.map((l) => ({
    id: l.id, key: l.key, holder: l.holder, category: l.category, edition: l.edition, supportUntil: l.supportUntil,
    supportActive: l.supportUntil === null || l.supportUntil >= today, accountManagerEmail: l.accountManagerEmail,
    createdAt: l.createdAt.toISOString(),
    emails: emails.filter((e) => e.licenseId === l.id).map((e) => ({ email: e.email, isContact: e.isContact })),
  }));
  return { items, next: rows.length > q.limit ? page[page.length - 1]!.id : null };
}

export async function listSites(deps: Pick<Deps, "db" | "config">): Promise<SiteListItem[]> {
  const rows = await deps.db.select().from(sites).orderBy(asc(sites.name), asc(sites.id));
  return rows.map((s) => siteView(deps.config.publicUrl, s));
}

/** The outbox without bodies (they may hold what a client wrote), newest first. */
export async function listOutbox(deps: Pick<Deps, "db">, q: { status?: "pending" | "failed" | "sent"; limit: number }): Promise<OutboxListItem[]> {
  const rows = await deps.db
    .select({
      id: outbox.id, tid: tickets.tid, kind: outbox.kind, to: outbox.toAddress, subject: outbox.subject, status: outbox.status,
      automatic: outbox.automatic, attempts: outbox.attempts, lastError: outbox.lastError, nextAttemptAt: outbox.nextAttemptAt,
      sentAt: outbox.sentAt, createdAt: outbox.createdAt,
    })
    .from(outbox)
    .leftJoin(tickets, eq(tickets.id, outbox.ticketId))
    .where(q.status ? eq(outbox.status, q.status) : inArray(outbox.status, ["pending", "failed"]))
    .orderBy(desc(outbox.id))
    .limit(q.limit);
  return rows.map((r) => ({ ...r, nextAttemptAt: r.nextAttemptAt.toISOString(), sentAt: iso(r.sentAt), createdAt: r.createdAt.toISOString() }));
}

/**
 * One mail in full. It may hold a client's sign-in link, so only admins read it and each reading is
 * logged with the actor; with no mail server (SMTP_URL unset) this is how a new installation is tried.
 */
export async function readOutboxMail(deps: Pick<Deps, "db"> & Log, id: number, actor: string): Promise<OutboxMail> {
  const [r] = await deps.db
    .select({
      id: outbox.id, tid: tickets.tid, kind: outbox.kind, to: outbox.toAddress, subject: outbox.subject, status: outbox.status,
      automatic: outbox.automatic, attempts: outbox.attempts, lastError: outbox.lastError, nextAttemptAt: outbox.nextAttemptAt,
      sentAt: outbox.sentAt, createdAt: outbox.createdAt, text: outbox.textBody, html: outbox.htmlBody,
    })
    .from(outbox).leftJoin(tickets, eq(tickets.id, outbox.ticketId)).where(eq(outbox.id, id));
  if (!r) throw new ApiError("NOT_FOUND", "There is no such mail in the outbox.");
  deps.log.info({ actor, action: "outbox-read", outboxId: id, kind: r.kind }, "outgoing mail read");
  return { ...r, links: linksIn(r.text), nextAttemptAt: r.nextAttemptAt.toISOString(), sentAt: iso(r.sentAt), createdAt: r.createdAt.toISOString() };
}

/**
 * Gives a failed mail another go: pending again, due now, attempts kept (so the record shows how
 * hard it was). The sender's three-day give-up counts from the mail's creation, so an old mail gets
 * one more attempt per retry.
 */
export async function retryOutbox(deps: Pick<Deps, "db" | "now"> & Log, id: number, actor: string) {
  return deps.db.transaction(async (tx) => {
    const [row] = await tx.select({ id: outbox.id, status: outbox.status, ticketId: outbox.ticketId, to: outbox.toAddress, kind: outbox.kind, attempts: outbox.attempts })
      .from(outbox).where(eq(outbox.id, id)).for("update");
    if (!row) throw new ApiError("NOT_FOUND", "There is no such mail in the outbox.");
    if (row.status !== "failed") throw new ApiError("NOT_ALLOWED_NOW", row.status === "sent" ? "This mail has been sent already." : "This mail is still being tried; only failed mail can be retried.");
    const now = deps.now();
    await tx.update(outbox).set({ status: "pending", nextAttemptAt: now, leaseUntil: null }).where(eq(outbox.id, id));
    if (row.ticketId) {
      await recordEvents(tx, { ticketId: row.ticketId, type: "mail-retried", actor, data: { outboxId: id, to: row.to, kind: row.kind }, createdAt: now });
    }
    deps.log.info({ actor, action: "outbox-retried", outboxId: id, attempts: row.attempts }, "failed mail queued again");
    return { id, status: "pending" as const, attempts: row.attempts, nextAttemptAt: now.toISOString() };
  });
}
