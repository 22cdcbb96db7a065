/**
 * Loads a chunk with a script element that carries the page's nonce, which a strict CSP
 * (script-src 'nonce-…' only) allows; the chunk answers through chunk.ts's event.
 */
import { CHUNK_EVENT } from "../chunk";

export function loadChunk<T>(url: string, nonce: string): Promise<T> {
  return new Promise<T>((resolve, reject) => {
    const s = document.createElement("script");
    let exports: T | undefined;
    s.src = url;
    s.async = true;
    if (nonce) s.nonce = nonce;
    s.addEventListener(CHUNK_EVENT, (e) => (exports = (e as CustomEvent<T>).detail));
    s.onload = () => {
      s.remove();
      exports ? resolve(exports) : reject(new Error(`Tidings: ${url} did not load as a widget chunk`));
    };
    s.onerror = () => {
      s.remove();
      reject(new Error(`Tidings: could not load ${url}`));
    };
    (document.head ?? document.documentElement).appendChild(s);
  });
}
