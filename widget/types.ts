/**
 * The contract between widget.js (embed.ts) and the chunks it loads on demand. Chunks are built
 * separately, so these types are the only thing both sides compile against.
 */
import type { Edition } from "../shared/limits";
import type { WidgetLang } from "../shared/i18n/widget";
import type { EditRequest } from "../ui/types";

export type WidgetEvent = "open" | "close" | "submitted" | "error";

/** What `Tidings.set()` takes (CONTRACT §9). */
export interface Settings {
  productVersion?: string;
  edition?: Edition;
  email?: string;
  name?: string;
  /** phpinfo() output (HTML or `php -i` text) when the page has it at hand instead of a URL. */
  phpinfo?: string;
}

/** What `Tidings.open(prefill)` may fill in; everything stays editable. */
export interface Prefill {
  email?: string;
  description?: string;
  steps?: string;
  url?: string;
  productVersion?: string;
  edition?: Edition;
  urgent?: boolean;
}

/** The data- attributes of the script tag. */
export interface TagSettings {
  siteKey: string;
  productVersion: string;
  edition: string;
  phpinfoUrl: string;
  lang: string;
}

/**
 * What the loader heard on the host page since it ran (embed/trail.ts): raw, before redaction,
 * at most ENVIRONMENT_LIMITS.entries of each, oldest first. `at` is an ISO 8601 instant.
 */
export interface PageTrail {
  errors: { kind: "error" | "rejection" | "console"; message: string; stack?: string; at: string }[];
  requests: { method: string; url: string; status: number; at: string }[];
}

export type ChunkName = "panel" | "capture" | "zip" | "editor";

/** What the embed hands to the panel: its shadow root, settings and a way to load more chunks. */
export interface Host {
  shadow: ShadowRoot;
  /** The element holding the shadow root: left out of screenshots. */
  hostElement: HTMLElement;
  launcher: HTMLButtonElement;
  lang: WidgetLang;
  /** Where the API lives: the origin and path of widget.js, e.g. "https://support.example/". */
  apiBase: string;
  tag: TagSettings;
  // Arrow-typed: the panel hands these on unbound (e.g. `adoptStyles` to the editor chunk).
  settings: () => Settings;
  /** Called after `Tidings.set()`; returns the unsubscribe function. */
  onSettings: (cb: () => void) => () => void;
  load: <T>(name: ChunkName) => Promise<T>;
  emit: (event: WidgetEvent, detail?: unknown) => void;
  adoptStyles: (css: string) => void;
  /** The page's recent errors and failed requests, kept up to date by the loader. */
  trail: PageTrail;
}

export interface PanelHandle {
  open(prefill?: Prefill): void;
  close(): void;
  /** Sends drafts left waiting by an earlier page (lost connection, closed tab). */
  resume(): void;
}

export interface PanelModule {
  mount(host: Host): PanelHandle;
}

export interface CaptureModule {
  /** The visible part of the page as a PNG, without `ignore` (the widget itself). */
  capturePage(ignore: Element): Promise<Blob>;
  /** The browser's own capture where it has one, with what to say before it asks; else null. */
  browserCapture(lang: WidgetLang): BrowserCapture | null;
}

export interface BrowserCapture {
  explain: string;
  button: string;
  /** One frame of this tab, `widget` hidden; call it straight from the click that asks for it. */
  grab(widget: HTMLElement): Promise<Blob>;
}

export type { EditRequest, ZipModule } from "../ui/types";

export interface EditorModule {
  /**
   * The picture editor over `req.file`: the edited PNG, or null when cancelled or unchanged.
   * `adoptStyles` puts the editor's CSS where the dialog's is (once per shadow root).
   */
  editImage(req: EditRequest, adoptStyles: (css: string) => void): Promise<File | null>;
}
