/** Types of server/build-lock.mjs (plain JS: server/compile.mjs runs where tsx does not). */
export function withBuildLock<T>(lockFile: string, opts: { staleMs: number; pollMs: number }, fn: () => Promise<T>): Promise<T>;
