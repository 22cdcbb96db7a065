import { errorChain } from "./error-chain";

/** True when a unique index (optionally the named one) refused the write, wherever the driver put the SQLSTATE. */
export function isUniqueViolation(e: unknown, constraint?: string): boolean {
  for (const err of errorChain(e)) {
    if (err.code !== "23505") continue;
    if (!constraint) return true;
    if (err.constraint_name === constraint || err.constraint === constraint || (typeof err.message === "string" && err.message.includes(constraint))) return true;
  }
  return false;
}

/** True when Postgres broke a deadlock by aborting this transaction: running it again is safe. */
export function isDeadlock(e: unknown): boolean {
  for (const err of errorChain(e)) if (err.code === "40P01") return true;
  return false;
}
