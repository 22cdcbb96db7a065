import { errorChain } from "./error-chain";

/** Error codes that mean "the database is not there right now", not "the query was wrong". */
const NETWORK = new Set([
  "ECONNREFUSED", "ECONNRESET", "ETIMEDOUT", "EPIPE", "EHOSTUNREACH", "ENOTFOUND", "EAI_AGAIN",
  "CONNECT_TIMEOUT", "CONNECTION_CLOSED", "CONNECTION_ENDED", "CONNECTION_DESTROYED",
  // Ours: a caller's budget ran out (db/deadline.ts), a silent connection was cut (db/reply-watchdog.ts).
  "DATABASE_DEADLINE", "DATABASE_NO_REPLY",
]);
/**
 * SQLSTATE class 08 (connection exception), 57P01–57P03 (shutdown, cannot connect now), 53300
 * (too many connections), 57014 (statement_timeout or our cancel of a query given up on).
 */
const SQLSTATE = /^(08...|57P0[1-3]|53300|57014)$/;

export function isDatabaseUnavailable(err: unknown): boolean {
  for (const e of errorChain(err)) {
    if (typeof e.code === "string" && (NETWORK.has(e.code) || SQLSTATE.test(e.code))) return true;
    if (typeof e.errno === "string" && NETWORK.has(e.errno)) return true;
    if (typeof e.message === "string" && /PGlite is closed|database system is (shutting down|starting up)/i.test(e.message)) return true;
  }
  return false;
}
