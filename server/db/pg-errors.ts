/**
 * Drivers wrap Postgres errors differently (drizzle adds a DrizzleQueryError with the driver's
 * error as `cause`); this finds the SQLSTATE wherever it sits.
 */
export function isUniqueViolation(e: unknown, constraint?: string): boolean {
  for (let cur: unknown = e, depth = 0; cur && depth < 6; cur = (cur as { cause?: unknown }).cause, depth++) {
    const err = cur as { code?: string; constraint_name?: string; constraint?: string; message?: string };
    if (err.code !== "23505") continue;
    if (!constraint) return true;
    if (err.constraint_name === constraint || err.constraint === constraint || err.message?.includes(constraint)) return true;
  }
  return false;
}
