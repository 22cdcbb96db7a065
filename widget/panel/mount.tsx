/** Puts the dialog into the widget's shadow root with the real services (network, storage, chunks). */
import { render } from "preact";
import type { CaptureModule, EditorModule, Host, PanelHandle, SuggestModule, ZipModule } from "../types";
import { Widget, type Services } from "./Widget";
import { browserStore, setPendingFlag } from "./model/draft-store";
import { buildEnvironment, type BrowserFacts } from "./model/environment";
import { createOutbox } from "./model/outbox";
import { xhrTransport } from "./model/transport";
import { checkSite } from "./model/site-check";
import { readPhpinfo } from "./phpinfo/source";
import panelCss from "./panel.css?inline";

/** A random Idempotency-Key; randomUUID exists only on https pages, getRandomValues everywhere. */
export function newKey(): string {
  if (typeof crypto.randomUUID === "function") return crypto.randomUUID();
  return Array.from(crypto.getRandomValues(new Uint8Array(16)), (b) => b.toString(16).padStart(2, "0")).join("");
}

type AgentData = { brands?: { brand: string; version: string }[]; platform?: string };

function browserFacts(languages: readonly string[]): BrowserFacts {
  const ua = (navigator as Navigator & { userAgentData?: AgentData }).userAgentData;
  return {
    userAgent: navigator.userAgent,
    brands: ua?.brands,
    platform: ua?.platform || undefined,
    viewport: { width: innerWidth, height: innerHeight, pixelRatio: devicePixelRatio },
    languages,
    timeZone: Intl.DateTimeFormat().resolvedOptions().timeZone,
    href: location.href,
  };
}

export function mount(host: Host): PanelHandle {
  host.adoptStyles(panelCss);
  const container = document.createElement("div");
  container.className = "root";
  container.lang = host.lang;
  host.shadow.append(container);
  const outbox = createOutbox({
    transport: xhrTransport,
    store: browserStore(),
    apiBase: host.apiBase,
    siteKey: host.tag.siteKey,
    isOnline: () => navigator.onLine !== false,
    onOnline: (cb) => {
      window.addEventListener("online", cb);
      return () => window.removeEventListener("online", cb);
    },
    setPending: (pending) => setPendingFlag(host.tag.siteKey, pending),
  });
  let editor: Promise<EditorModule> | null = null;
  const languages = navigator.languages?.length ? navigator.languages : [navigator.language];
  const services: Services = {
    outbox,
    readPhpinfo: (given) => readPhpinfo({ given, url: host.tag.phpinfoUrl, pageHref: location.href }),
    loadCapture: () => host.load<CaptureModule>("capture"),
    loadZip: () => host.load<ZipModule>("zip"),
    checkSite: () => checkSite(host.apiBase, host.tag.siteKey),
    async editImage(file, name) {
      const m = await (editor ??= host.load<EditorModule>("editor").catch((e) => { editor = null; throw e; }));
      return m.editImage({ file, name, lang: host.lang, parent: host.shadow }, host.adoptStyles);
    },
    pageHref: () => location.href,
    environment: () => buildEnvironment(host.trail, browserFacts(languages)),
    now: () => new Date(),
    newKey,
    browserLangs: languages,
  };
  const handle: { current: PanelHandle | null } = { current: null };
  render(<Widget host={host} services={services} handle={handle} />, container);
  // The suggestions load beside the dialog (mounted on first open), not in it: its size budget.
  // Without them (offline, blocked) the form works as ever.
  void host.load<SuggestModule>("suggest").then((m) => (services.extraFields = m.start(host, handle.current!)), () => 0);
  return {
    open: (prefill) => handle.current?.open(prefill),
    close: () => handle.current?.close(),
    resume: () => void outbox.resume(),
  };
}
