/**
 * Renders the widget's dialog (widget/panel/Widget.tsx) in happy-dom with everything outside the
 * browser page replaced: the network by a scripted transport, IndexedDB by the memory store, the
 * lazy chunks by fakes. The form, its states and its outbox are the real code.
 */
import { act, fireEvent, render, screen } from "@testing-library/preact";
import type { WidgetLang } from "../../shared/i18n/widget";
import type { CaptureModule, PageTrail, PanelHandle, Prefill, Settings, TagSettings, WidgetEvent, ZipModule } from "../../widget/types";
import { buildEnvironment, type BrowserFacts } from "../../widget/panel/model/environment";
import { Widget, type Services } from "../../widget/panel/Widget";
import { memoryStore, type DraftStore } from "../../widget/panel/model/draft-store";
import { createOutbox } from "../../widget/panel/model/outbox";
import type { TransportRequest, TransportResponse } from "../../widget/panel/model/transport";
import { readPhpinfo } from "../../widget/panel/phpinfo/source";

export interface Sent {
  req: TransportRequest;
  fields: Record<string, string>;
  files: { name: string; size: number }[];
}

export interface Harness {
  handle: { current: PanelHandle | null };
  launcher: HTMLButtonElement;
  events: { event: WidgetEvent; detail: unknown }[];
  requests: Sent[];
  store: DraftStore;
  /** Answers the next requests, in order; a function gets the request's progress callback. */
  respond(...answers: (TransportResponse | ((progress?: (l: number, t: number) => void) => Promise<TransportResponse>))[]): void;
  goOnline(): void;
  setOnline(on: boolean): void;
  set(s: Settings): void;
  open(prefill?: Prefill): void;
}

export interface HarnessOptions {
  lang?: WidgetLang;
  tag?: Partial<TagSettings>;
  settings?: Settings;
  pageHref?: string;
  now?: Date;
  capture?: CaptureModule["capturePage"];
  browserCapture?: CaptureModule["browserCapture"];
  zip?: ZipModule["zipOne"];
  /** The picture editor's answer for "Edit screenshot"; by default it cancels. */
  editImage?: Services["editImage"];
  phpinfoFetch?: typeof fetch;
  /** What the loader heard on the page (the default: nothing) and what the browser says. */
  trail?: PageTrail;
  facts?: Partial<BrowserFacts>;
}

export const created = (tid = "1000015", over: Record<string, unknown> = {}): TransportResponse => ({
  status: 201,
  retryAfter: null,
  body: {
    tid, status: "new", slaLevel: "commercial-cloud",
    responseTargetAt: "2026-03-02T13:00:00.000Z", responseDueAt: "2026-03-02T16:00:00.000Z", receivedAt: "2026-03-02T09:00:00.000Z", ...over,
  },
});

export const failed = (status: number, code: string, field?: string): TransportResponse => ({
  status, retryAfter: null, body: { error: { code, message: `server says ${code}`, ...(field ? { field } : {}), requestId: "r1" } },
});

export function formFields(form: FormData): Promise<Pick<Sent, "fields" | "files">> {
  const fields: Record<string, string> = {};
  const files: { name: string; size: number }[] = [];
  for (const [k, v] of form.entries()) {
    if (typeof v === "string") fields[k] = v;
    else files.push({ name: v.name, size: v.size });
  }
  return Promise.resolve({ fields, files });
}

export function renderWidget(o: HarnessOptions = {}): Harness {
  // As in the page: the launcher lives inside the widget's host element.
  const hostElement = document.createElement("div");
  const launcher = document.createElement("button");
  launcher.textContent = "Support";
  hostElement.append(launcher);
  document.body.append(hostElement);
  const events: Harness["events"] = [];
  const requests: Sent[] = [];
  const answers: Parameters<Harness["respond"]>[number][] = [];
  let settings: Settings = o.settings ?? {};
  const settingsListeners = new Set<() => void>();
  const onlineListeners = new Set<() => void>();
  let online = true;
  const store = memoryStore();
  const outbox = createOutbox({
    transport: async (req, progress) => {
      requests.push({ req, ...(await formFields(req.body)) });
      const next = answers.shift();
      if (!next) throw new Error("the test gave no answer for this request");
      return typeof next === "function" ? next(progress) : next;
    },
    store,
    apiBase: "https://support.example/",
    siteKey: o.tag?.siteKey ?? "site_test",
    isOnline: () => online,
    onOnline: (cb) => (onlineListeners.add(cb), () => onlineListeners.delete(cb)),
    setPending: () => {},
    backoff: [60_000],
  });
  const services: Services = {
    outbox,
    readPhpinfo: (given) => readPhpinfo({ given, url: o.tag?.phpinfoUrl ?? "", pageHref: o.pageHref ?? "https://shop.example/admin/" }, o.phpinfoFetch),
    loadCapture: () => Promise.resolve({
      capturePage: o.capture ?? (() => Promise.resolve(new Blob([new Uint8Array([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a])]))),
      browserCapture: o.browserCapture ?? (() => null),
    }),
    loadZip: () => Promise.resolve({ zipOne: o.zip ?? ((_n, d) => Promise.resolve(new Blob([new Uint8Array([0x50, 0x4b, 0x03, 0x04]), d]))) }),
    editImage: o.editImage ?? (() => Promise.resolve(null)),
    pageHref: () => o.pageHref ?? "https://shop.example/admin/orders?id=5&token=abc#top",
    environment: () => buildEnvironment(o.trail ?? { errors: [], requests: [] }, {
      userAgent: "Mozilla/5.0 (X11; Linux x86_64; rv:128.0) Gecko/20100101 Firefox/128.0",
      viewport: { width: 1280, height: 720, pixelRatio: 2 }, languages: ["en-GB", "de"], timeZone: "Europe/Berlin",
      href: o.pageHref ?? "https://shop.example/admin/orders?id=5&token=abc#top", ...o.facts,
    }),
    now: () => o.now ?? new Date("2026-03-02T09:00:00Z"),
    newKey: (() => { let n = 0; return () => `test-key-${++n}`; })(),
    browserLangs: [o.lang === "de" ? "de-DE" : "en-GB"],
  };
  const handle: Harness["handle"] = { current: null };
  const tag: TagSettings = { siteKey: "site_test", productVersion: "24.100.0", edition: "cloud", phpinfoUrl: "", lang: "", ...o.tag };
  render(
    <Widget
      handle={handle}
      services={services}
      host={{
        lang: o.lang ?? "en",
        tag,
        settings: () => settings,
        onSettings: (cb) => (settingsListeners.add(cb), () => settingsListeners.delete(cb)),
        emit: (event, detail) => events.push({ event, detail }),
        launcher,
        hostElement,
      }}
    />,
  );
  return {
    handle, launcher, events, requests, store,
    respond: (...a) => answers.push(...a),
    // A synchronous act() has flushed when it returns; its promise holds nothing more.
    goOnline: () => void act(() => { online = true; for (const cb of onlineListeners) cb(); }),
    setOnline: (on) => { online = on; },
    set: (s) => void act(() => { settings = { ...settings, ...s }; for (const cb of settingsListeners) cb(); }),
    open: (prefill) => void act(() => handle.current!.open(prefill)),
  };
}

/** A file as the user's system hands it over. */
export const file = (bytes: Buffer, name: string) => new File([new Uint8Array(bytes)], name);
export const dialog = () => screen.getByRole("dialog");
/** What "Attach files" does once the user has chosen. */
export function chooseFiles(files: File[]): void {
  const input = dialog().querySelector<HTMLInputElement>("input[type=file]")!;
  Object.defineProperty(input, "files", { value: files, configurable: true });
  fireEvent.change(input);
}
/** The names in the dialog's list of attachments. */
export const listed = () => Array.from(dialog().querySelectorAll(".files li .name")).map((n) => n.textContent);
