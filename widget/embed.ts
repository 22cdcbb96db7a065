/**
 * widget.js: the one classic script a site pastes (CONTRACT §9). It stays tiny because every host
 * page pays for it: it reads its tag, keeps the page's recent errors and failed requests, draws the
 * launcher in a shadow root and defines `window.Tidings`. The dialog (panel chunk) loads on first
 * use, from beside widget.js, with the nonce of widget.js's own tag so a strict CSP allows it.
 */
import { EMBED_TEXTS, pickLang } from "../shared/i18n/widget";
import type { ChunkName, Host, PanelHandle, PanelModule, Prefill, Settings, WidgetEvent } from "./types";
import { loadChunk } from "./embed/load-chunk";
import { createShell, type Shell } from "./embed/shell";
import { adoptStyles } from "./embed/styles";
import { pendingFlag } from "./panel/model/draft-store";
import { ownScript, readTag } from "./embed/tag";
import { collectTrail } from "./embed/trail";

type Listener = (detail?: unknown) => void;

interface TidingsApi {
  open(prefill?: Prefill): Promise<void>;
  close(): void;
  set(settings: Settings): void;
  on(event: WidgetEvent, cb: Listener): () => void;
}

declare global {
  interface Window {
    Tidings?: TidingsApi;
  }
}

function start(script: HTMLScriptElement): void {
  // First, so that errors and failed requests before the dialog opens count (CONTRACT §9).
  const trail = collectTrail();
  const tag = readTag(script);
  const base = new URL(".", script.src || location.href).href;
  // The nonce property survives the browser hiding the attribute after parsing.
  const nonce = script.nonce || script.getAttribute("nonce") || "";
  const lang = pickLang(tag.lang, navigator.languages?.length ? navigator.languages : [navigator.language]);
  const texts = EMBED_TEXTS[lang];
  const listeners: Partial<Record<WidgetEvent, Set<Listener>>> = {};
  const settingsListeners = new Set<() => void>();
  let settings: Settings = {};

  const emit = (event: WidgetEvent, detail?: unknown) => {
    for (const cb of listeners[event] ?? []) {
      try {
        cb(detail);
      } catch (e) {
        // A host page's broken listener must not break the widget; it still sees its error.
        setTimeout(() => { throw e; });
      }
    }
  };

  let shell: Shell | null = null;
  const ready = new Promise<Shell>((resolve) => {
    const build = () => resolve((shell = createShell(texts.launcher, nonce)));
    if (document.body) build();
    else document.addEventListener("DOMContentLoaded", build, { once: true });
  });

  const load = <T>(name: ChunkName) => loadChunk<T>(new URL(__TIDINGS_CHUNKS__[name], base).href, nonce);
  let module: Promise<PanelModule> | null = null;
  const loadModule = () => (module ??= load<PanelModule>("panel").catch((e) => { module = null; throw e; }));
  let panel: Promise<PanelHandle> | null = null;

  const getPanel = () =>
    (panel ??= Promise.all([ready, loadModule()]).then(([s, m]) => {
      const host: Host = {
        shadow: s.shadow,
        hostElement: s.hostElement,
        launcher: s.launcher,
        lang,
        apiBase: base,
        tag,
        settings: () => settings,
        onSettings: (cb) => (settingsListeners.add(cb), () => settingsListeners.delete(cb)),
        load,
        emit,
        adoptStyles: (css) => adoptStyles(s.shadow, css, nonce),
        trail,
      };
      s.alert(null);
      return m.mount(host);
    }).catch((e: unknown) => {
      panel = null;
      shell?.alert(texts.loadFailed);
      emit("error", { code: "LOAD_FAILED", message: String((e as Error)?.message ?? e) });
      throw e;
    }));

  const api: TidingsApi = {
    open: (prefill) => getPanel().then((p) => p.open(prefill)),
    close: () => void panel?.then((p) => p.close()),
    set(next) {
      settings = { ...settings, ...next };
      for (const cb of settingsListeners) cb();
    },
    on(event, cb) {
      if (typeof cb !== "function") throw new TypeError("Tidings.on needs a function");
      (listeners[event] ??= new Set()).add(cb);
      return () => void listeners[event]?.delete(cb);
    },
  };
  window.Tidings = api;

  void ready.then((s) => {
    s.launcher.addEventListener("click", () => void api.open().catch(() => {}));
    // Fetch the dialog while the pointer is on its way to the button: opening feels instant.
    const preload = () => void loadModule().catch(() => {});
    s.launcher.addEventListener("pointerenter", preload, { once: true });
    s.launcher.addEventListener("focus", preload, { once: true });
    let pending = false;
    try {
      pending = !!localStorage.getItem(pendingFlag(tag.siteKey));
    } catch {
      /* storage disabled: nothing can be waiting either */
    }
    if (pending) void getPanel().then((p) => p.resume()).catch(() => {});
  });
}

const script = ownScript();
if (!script) console.warn("Tidings: widget.js could not find its own <script> tag.");
else if (window.Tidings) console.warn("Tidings: widget.js is on this page twice; the second copy does nothing.");
else start(script);
