/**
 * Whether this code runs compiled (dist/server/, bundled by server/compile.mjs, which defines
 * TIDINGS_COMPILED) or from the sources through tsx. Only what must load a different file in
 * the two cases asks: a worker thread gets no TypeScript loader of its own.
 */
declare const TIDINGS_COMPILED: boolean | undefined;

export const compiled = typeof TIDINGS_COMPILED !== "undefined" && TIDINGS_COMPILED;
