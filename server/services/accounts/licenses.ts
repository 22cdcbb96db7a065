import { eq } from "drizzle-orm";
import type { LicenseCreate, LicenseUpdate } from "../../../shared/api/admin";
import type { Deps } from "../../deps";
import type { Db } from "../../db/client";
import { licenseEmails, licenses } from "../../db/schema";
import { ApiError } from "../../errors";
import { isUniqueViolation } from "../../db/pg-errors";

export async function createLicense(db: Db, input: LicenseCreate) {
  try {
    return await db.transaction(async (tx) => {
      const [row] = await tx
        .insert(licenses)
        .values({ key: input.key, holder: input.holder, category: input.category, edition: input.edition, supportUntil: input.supportUntil })
        .returning({ id: licenses.id });
      const emails = [...new Set(input.emails)];
      if (emails.length) await tx.insert(licenseEmails).values(emails.map((email) => ({ licenseId: row!.id, email })));
      return { id: row!.id, ...input, emails };
    });
  } catch (e) {
    if (isUniqueViolation(e)) throw new ApiError("CONFLICT", `A license with the key "${input.key}" already exists.`, { field: "key" });
    throw e;
  }
}

/**
 * Changes a license. Tickets already registered keep the level they were given (their clock ran on
 * it); the next ticket from the license's addresses is levelled by the new terms.
 */
export async function updateLicense(deps: Pick<Deps, "db" | "log">, key: string, input: LicenseUpdate, actor: string) {
  return deps.db.transaction(async (tx) => {
    const { emails, ...fields } = input;
    const [row] = Object.keys(fields).length
      ? await tx.update(licenses).set(fields).where(eq(licenses.key, key)).returning()
      : await tx.select().from(licenses).where(eq(licenses.key, key)).for("update");
    if (!row) throw new ApiError("NOT_FOUND", "There is no license with this key.");
    if (emails) {
      const kept = new Map((await tx.select().from(licenseEmails).where(eq(licenseEmails.licenseId, row.id))).map((e) => [e.email, e.isContact]));
      await tx.delete(licenseEmails).where(eq(licenseEmails.licenseId, row.id));
      const list = [...new Set(emails)];
      // An address that stays keeps its designated-contact mark.
      if (list.length) await tx.insert(licenseEmails).values(list.map((email) => ({ licenseId: row.id, email, isContact: kept.get(email) ?? false })));
    }
    const list = await tx.select({ email: licenseEmails.email }).from(licenseEmails).where(eq(licenseEmails.licenseId, row.id));
    deps.log.info({ actor, action: "license-updated", licenseId: row.id, changed: Object.keys(input) }, "license changed");
    return {
      id: row.id, key: row.key, holder: row.holder, category: row.category, edition: row.edition, supportUntil: row.supportUntil,
      accountManagerEmail: row.accountManagerEmail, emails: list.map((e) => e.email).sort(),
    };
  });
}
