/** Types of server/db/pglite-warm.mjs (plain JS: the launcher imports it before any TypeScript runs). */
export function warmPgliteWasm(): void;
export function takeWarmPgliteWasm(): Promise<WebAssembly.Module | undefined>;
