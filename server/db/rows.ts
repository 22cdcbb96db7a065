/**
 * `db.execute` answers an array with postgres.js and `{ rows }` with PGlite; raw SQL goes
 * through this so services stay driver-blind.
 */
export function rowsOf<T>(result: unknown): T[] {
  return Array.isArray(result) ? (result as T[]) : ((result as { rows?: T[] }).rows ?? []);
}
