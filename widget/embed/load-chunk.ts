/**
 * Loads a chunk with a script element that carries the page's nonce, which a strict CSP
 * (script-src 'nonce-…' only) allows; the chunk answers through chunk.ts's event.
 */
import { CHUNK_EVENT } from "../chunk";

type ScriptUrlPolicy = { createScriptURL(url: string): string };
let policy: ScriptUrlPolicy | null = null;

/**
 * Under Trusted Types enforcement a plain string may not become a script's src; only then is a
 * policy created (creating one uninvited would itself be reported on pages that list theirs).
 */
function setSrc(s: HTMLScriptElement, url: string): void {
  try {
    s.src = url;
  } catch (e) {
    const tt = (window as unknown as { trustedTypes?: { createPolicy(n: string, r: ScriptUrlPolicy): ScriptUrlPolicy } }).trustedTypes;
    if (!tt) throw e;
    policy ??= tt.createPolicy("tidings-widget", { createScriptURL: (u) => u });
    s.src = policy.createScriptURL(url);
  }
}

export function loadChunk<T>(url: string, nonce: string): Promise<T> {
  return new Promise<T>((resolve, reject) => {
    const s = document.createElement("script");
    let exports: T | undefined;
    setSrc(s, url);
    s.async = true;
    if (nonce) s.nonce = nonce;
    s.addEventListener(CHUNK_EVENT, (e) => (exports = (e as CustomEvent<T>).detail));
    s.onload = () => {
      s.remove();
      if (exports) resolve(exports);
      else reject(new Error(`Tidings: ${url} did not load as a widget chunk`));
    };
    s.onerror = () => {
      s.remove();
      reject(new Error(`Tidings: could not load ${url}`));
    };
    (document.head ?? document.documentElement).appendChild(s);
  });
}
