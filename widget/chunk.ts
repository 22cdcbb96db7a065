/**
 * How a chunk hands its exports to widget.js without a global variable: while it runs, it fires
 * an event on its own script element, where the loader listens (embed/load-chunk.ts). A host page
 * thus never sees our names on window, and two copies of the widget cannot mix their chunks.
 */
export const CHUNK_EVENT = "tidings:chunk";

export function announce(exports: object): void {
  const script = document.currentScript;
  if (!script) throw new Error("Tidings: a chunk must be loaded by widget.js");
  script.dispatchEvent(new CustomEvent(CHUNK_EVENT, { detail: exports }));
}
