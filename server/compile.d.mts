/** Types of server/compile.mjs (plain JS: it runs where tsx does not). */
export const SERVER_DIST: string;
/** Why dist/server/ must be (re)built, or null when it matches its sources. */
export function staleReason(): string | null;
/** Builds dist/server/ (under a lock); with `onlyIfStale`, keeps a current build. */
export function compileServer(opts?: { onlyIfStale?: boolean; log?: (line: string) => void }): Promise<void>;
