import type { LicenseCreate } from "../../shared/api/admin";
import type { Db } from "../db/client";
import { licenseEmails, licenses } from "../db/schema";
import { ApiError } from "../errors";
import { isUniqueViolation } from "../db/pg-errors";

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
