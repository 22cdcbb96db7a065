/**
 * The dialog's controller: it holds the flow's state (model/flow.ts) and does what the model
 * cannot, the effects: sending through the outbox, the lazy chunks, focus, the console warning
 * and the host page's events. Everything outside the page comes in as `services`, which the
 * component tests replace. The state lives in a ref, not in useReducer, so that an await
 * continues from the state as it is now, not from the render that started it.
 */
import { useEffect, useRef, useState } from "preact/hooks";
import type { Environment } from "../../shared/api/environment";
import { WIDGET_TEXTS } from "../../shared/i18n/widget";
import { addFiles, replaceFile } from "../../ui/add-files";
import type { Attachment } from "../../ui/files";
import { FIELD_ORDER, isEdition, pageAddress, validate, type FormValues } from "../../ui/form";
import type { BrowserCapture, CaptureModule, Host, Prefill, ZipModule } from "../types";
import { classifyCaptureError } from "./model/capture-errors";
import { flowReducer, initialFlow, isLocked, ORIGIN_REFUSED, type Action, type FlowState } from "./model/flow";
import type { Outbox, Outcome } from "./model/outbox";
import type { PhpinfoResult } from "./phpinfo/source";

export interface Services {
  outbox: Outbox;
  readPhpinfo: (given: string | undefined) => Promise<PhpinfoResult>;
  loadCapture: () => Promise<CaptureModule>;
  loadZip: () => Promise<ZipModule>;
  /** The picture editor (its lazy chunk) over one image: the edited PNG, or null. */
  editImage: (file: Blob, name: string) => Promise<File | null>;
  pageHref: () => string;
  /** The browser details as they would be sent now (model/environment.ts). */
  environment: () => Environment;
  now: () => Date;
  newKey: () => string;
  browserLangs: readonly string[];
  /** On first open: a refusal code when this page cannot send at all (site unknown or off, origin not allowed). */
  checkSite?: () => Promise<string | null>;
}

export type WidgetHost = Pick<Host, "lang" | "tag" | "settings" | "onSettings" | "emit" | "launcher" | "hostElement">;

const TEXT_FIELDS = ["email", "productVersion", "edition"] as const;

/** What the commands share: the state as it is now, and the way to change it. */
interface Ctx {
  host: WidgetHost;
  services: Services;
  get: () => FlowState;
  act: (a: Action) => void;
  focus: (id: string) => void;
}

/** What the views get: the state, the texts and the commands. */
export type Flow = ReturnType<typeof useFlow>;

export function useFlow(host: WidgetHost, services: Services) {
  const t = WIDGET_TEXTS[host.lang];
  const state = useRef<FlowState | null>(null);
  const reduce = useRef(flowReducer({ t, lang: host.lang })).current;
  state.current ??= initialFlow(blank(host, services));
  const [, rerender] = useState(0);
  const ctx = useRef<Ctx>({
    host,
    services,
    get: () => state.current!,
    act: (a) => {
      state.current = reduce(state.current!, a);
      rerender((n) => n + 1);
    },
    focus: (id) => setTimeout(() => (host.hostElement.shadowRoot ?? document).getElementById(id)?.focus()),
  }).current;
  const commands = useRef(null as null | ReturnType<typeof makeCommands>);
  commands.current ??= makeCommands(ctx);
  const c = commands.current;
  useEffect(() => host.onSettings(c.settingsChanged), []);
  useEffect(() => services.outbox.subscribe(c.delivered), []);
  return { s: state.current, t, act: ctx.act, ...c };
}

function settingsValues(host: WidgetHost) {
  const s = host.settings();
  const edition = s.edition ?? host.tag.edition;
  return { email: s.email ?? "", productVersion: s.productVersion ?? host.tag.productVersion, edition: isEdition(edition) ? edition : ("" as const) };
}

const blank = (host: WidgetHost, services: Services): FormValues => ({
  ...settingsValues(host), description: "", steps: "", url: pageAddress(services.pageHref()), urgent: false, includePhpinfo: false, includeEnvironment: true,
});

/**
 * The views hand commands on unbound (`onClick={flow.hide}`), so none may read `this`; each says
 * so with `this: void`, which the compiler checks and which, unlike arrow properties, costs the
 * dialog chunk no bytes.
 */
function makeCommands(ctx: Ctx) {
  const send = sendCommands(ctx);
  return {
    ...send,
    ...fileCommands(ctx),
    ...openCommands(ctx, send.warnOrigin),
    retry(this: void) {
      ctx.act({ type: "retrying" });
      ctx.services.outbox.retryNow();
    },
    startOver(this: void) {
      send.forgetPhpinfo();
      ctx.act({ type: "startOver", blank: blank(ctx.host, ctx.services) });
    },
  };
}

function sendCommands(ctx: Ctx) {
  const { host, services, get, act } = ctx;
  let draftKey = services.newKey();
  let php: Promise<PhpinfoResult> | null = null;
  let warned = false;
  /** The site admin, not the user, can fix a refused origin: the browser console tells them how, once. */
  const warnOrigin = () => {
    if (warned) return;
    warned = true;
    const origin = new URL(services.pageHref()).origin;
    console.warn(`Tidings: this page's origin ${origin} is not an allowed origin of site ${host.tag.siteKey}, so no report can be sent from it. Add ${origin} to the site's allowed origins in the Tidings console (Admin → Sites).`);
  };
  const loadPhpinfo = () => {
    act({ type: "php", state: { status: "loading" } });
    const p = (php = services.readPhpinfo(host.settings().phpinfo));
    void p.then((result) => php === p && act({ type: "php", state: { status: "done", result } }));
  };
  const emitSent = ({ tid, slaLevel, responseTargetAt, responseDueAt }: Extract<Outcome, { kind: "sent" }>["ticket"]) =>
    host.emit("submitted", { tid, slaLevel, responseTargetAt, responseDueAt });
  const finish = (outcome: Outcome) => {
    act({ type: "outcome", outcome });
    if (outcome.kind === "sent") {
      draftKey = services.newKey();
      emitSent(outcome.ticket);
      ctx.focus("tdg-sent");
    } else if (outcome.kind === "rejected") {
      if (outcome.error.code === ORIGIN_REFUSED) warnOrigin();
      // The refusal's words are the model's: the alert it now shows.
      host.emit("error", { code: outcome.error.code, message: get().alert });
      ctx.focus("tdg-alert");
    }
  };
  return {
    warnOrigin,
    settingsChanged(this: void) {
      const s = settingsValues(host);
      act({ type: "defaults", values: Object.fromEntries(TEXT_FIELDS.map((k) => [k, s[k] || undefined])) });
      if (host.settings().phpinfo !== undefined && php) loadPhpinfo();
    },
    togglePhpinfo(this: void, on: boolean) {
      act({ type: "change", name: "includePhpinfo", value: on });
      const p = get().php;
      if (on && (p.status === "off" || (p.status === "done" && !p.result.ok))) loadPhpinfo();
    },
    forgetPhpinfo: () => (php = null),
    delivered(this: void, key: string, outcome: Outcome) {
      if (key === draftKey) return finish(outcome);
      if (outcome.kind === "sent") {
        act({ type: "earlier", tid: outcome.ticket.tid });
        emitSent(outcome.ticket);
      } else if (outcome.kind === "rejected" && outcome.error.code === ORIGIN_REFUSED) {
        // An earlier page's report, refused for where it runs: a new one would be refused too.
        warnOrigin();
        act({ type: "refusedHere", code: ORIGIN_REFUSED });
      }
    },
    async submit(this: void, e: Event) {
      e.preventDefault();
      if (isLocked(get())) return;
      const values = get().values;
      const errors = validate(values, WIDGET_TEXTS[host.lang]);
      act({ type: "checked", errors });
      const firstInvalid = FIELD_ORDER.find((f) => errors[f]);
      if (firstInvalid) return ctx.focus(firstInvalid === "productVersion" ? "tdg-version" : `tdg-${firstInvalid}`);
      const phpResult = values.includePhpinfo && php ? await php : null;
      // The widget's language becomes the ticket's: its acknowledgement and later mail speak it.
      const fields: Record<string, string> = { email: values.email.trim(), description: values.description, urgent: String(values.urgent), locale: host.lang };
      for (const k of ["steps", "url", "productVersion", "edition"] as const) if (values[k].trim()) fields[k] = values[k].trim();
      const name = host.settings().name;
      if (name) fields.name = name;
      if (phpResult?.ok) fields.phpinfo = phpResult.phpinfo.text;
      if (values.includeEnvironment) fields.environment = JSON.stringify(services.environment());
      act({ type: "send", values });
      const outcome = await services.outbox.send(
        { key: draftKey, siteKey: host.tag.siteKey, url: fields.url ?? "", fields, files: get().files.map((f) => ({ name: f.name, blob: f.blob })), savedAt: Date.now() },
        (value) => act({ type: "progress", value }),
      );
      finish(outcome);
    },
  };
}

function fileCommands({ host, services, get, act }: Ctx) {
  const add = async (incoming: File[]) => {
    if (!incoming.length) return;
    const result = await addFiles(incoming, get().files, services.loadZip, (name) => act({ type: "zipping", name }));
    act({ type: "added", result });
  };
  return {
    add,
    edit(this: void, f: Attachment) {
      void (async () => {
        const file = await services.editImage(f.blob, f.name);
        if (!file) return;
        const r = await replaceFile(get().files, f.id, file, services.loadZip);
        act({ type: "replaced", files: r.files, refusals: r.refusals });
      })().catch(() => act({ type: "editFailed" }));
    },
    // `withBrowser` is called before the first await: the browser asks only in the click's turn.
    async capture(this: void, withBrowser?: BrowserCapture) {
      act({ type: "captureStart" });
      let mod: CaptureModule | undefined;
      try {
        const blob = await (withBrowser ? withBrowser.grab(host.hostElement) : (mod = await services.loadCapture()).capturePage(host.hostElement));
        const stamp = services.now().toISOString().slice(0, 19).replace(/[-:]/g, "").replace("T", "-");
        await add([new File([blob], `screenshot-${stamp}.png`, { type: "image/png" })]);
        act({ type: "captured" });
      } catch (err) {
        act({ type: "captureFailed", failure: classifyCaptureError(err), other: mod?.browserCapture(host.lang) ?? null });
      }
    },
  };
}

function openCommands({ host, services, get, act }: Ctx, warnOrigin: () => void) {
  let checked = false;
  return {
    show(this: void, prefill?: Prefill) {
      act({ type: "defaults", values: { url: pageAddress(services.pageHref()) } });
      if (prefill) act({ type: "defaults", values: { ...prefill, edition: isEdition(prefill.edition) ? prefill.edition : undefined }, force: true });
      if (get().open) return;
      if (!checked && services.checkSite) {
        checked = true;
        void services.checkSite().then((code) => {
          if (!code) return;
          if (code === ORIGIN_REFUSED) warnOrigin();
          act({ type: "refusedHere", code });
        });
      }
      host.launcher.setAttribute("aria-expanded", "true");
      act({ type: "open" });
      host.emit("open");
    },
    hide(this: void) {
      if (!get().open) return;
      act({ type: "close" });
      host.launcher.setAttribute("aria-expanded", "false");
      host.launcher.focus();
      host.emit("close");
    },
  };
}
