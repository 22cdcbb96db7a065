/**
 * The dialog's state and its flow: form → sending → sent, or → waiting when the connection is
 * lost (the outbox sends it later with the same key). It stays mounted while closed, so a closed
 * and reopened dialog still holds what the user typed. Everything that touches the network, the
 * storage or the lazy chunks comes in as `services`, which the component tests replace. It is
 * the longest file of the widget because the flow's states and their transitions belong together;
 * the parts without state are its child components and model/.
 */
import { useEffect, useRef, useState } from "preact/hooks";
import type { Environment } from "../../shared/api/environment";
import type { ErrorCode } from "../../shared/error-codes";
import { WIDGET_TEXTS, translateError } from "../../shared/i18n/widget";
import type { Host, PanelHandle, Prefill } from "../types";
import type { BrowserCapture, CaptureModule, ZipModule } from "../types";
import { Attachments } from "./Attachments";
import { Dialog } from "./Dialog";
import { EnvironmentOption } from "./EnvironmentOption";
import { PhpinfoOption, type PhpinfoState } from "./PhpinfoOption";
import { ReportForm } from "./ReportForm";
import { SentView } from "./SentView";
import { addFiles, replaceFile } from "../../ui/add-files";
import { classifyCaptureError } from "./model/capture-errors";
import { displayLocale } from "../../ui/due";
import type { Attachment } from "../../ui/files";
import { FIELD_ORDER, fieldOf, isEdition, pageAddress, validate, type FieldErrors, type FormValues } from "../../ui/form";
import type { Outbox, Outcome } from "./model/outbox";
import { phpinfoAvailable, type PhpinfoResult } from "./phpinfo/source";

export interface Services {
  outbox: Outbox;
  readPhpinfo(given: string | undefined): Promise<PhpinfoResult>;
  loadCapture(): Promise<CaptureModule>;
  loadZip(): Promise<ZipModule>;
  /** The picture editor (its lazy chunk) over one image: the edited PNG, or null. */
  editImage(file: Blob, name: string): Promise<File | null>;
  pageHref(): string;
  /** The browser details as they would be sent now (model/environment.ts). */
  environment(): Environment;
  now(): Date;
  newKey(): string;
  browserLangs: readonly string[];
  /** On first open: a refusal code when this page cannot send at all (site unknown or off, origin not allowed). */
  checkSite?(): Promise<string | null>;
}

type WidgetHost = Pick<Host, "lang" | "tag" | "settings" | "onSettings" | "emit" | "launcher" | "hostElement">;
type Phase = "form" | "sending" | "waiting" | "sent";
type Sent = { ticket: Extract<Outcome, { kind: "sent" }>["ticket"]; email: string; urgent: boolean };

const TEXT_FIELDS = ["email", "productVersion", "edition"] as const;
const ORIGIN_REFUSED: ErrorCode = "ORIGIN_NOT_ALLOWED";

export function Widget({ host, services, handle }: { host: WidgetHost; services: Services; handle: { current: PanelHandle | null } }) {
  const t = WIDGET_TEXTS[host.lang];
  const locale = displayLocale(host.lang, services.browserLangs);
  const fromSettings = () => {
    const s = host.settings();
    const edition = s.edition ?? host.tag.edition;
    return { email: s.email ?? "", productVersion: s.productVersion ?? host.tag.productVersion, edition: isEdition(edition) ? edition : ("" as const) };
  };
  const blank = (): FormValues => ({ ...fromSettings(), description: "", steps: "", url: pageAddress(services.pageHref()), urgent: false, includePhpinfo: false, includeEnvironment: true });

  const [open, setOpen] = useState(false);
  const [values, setValues] = useState<FormValues>(blank);
  const [errors, setErrors] = useState<FieldErrors>({});
  const [files, setFiles] = useState<Attachment[]>([]);
  const [notices, setNotices] = useState<string[]>([]);
  const [busy, setBusy] = useState<string | null>(null);
  const [capturing, setCapturing] = useState(false);
  const [offer, setOffer] = useState<BrowserCapture | null>(null);
  const [php, setPhp] = useState<PhpinfoState>({ status: "off" });
  const [phase, setPhase] = useState<Phase>("form");
  const [progress, setProgress] = useState(0);
  const [alert, setAlert] = useState<string | null>(null);
  const [sent, setSent] = useState<Sent | null>(null);
  const [status, setStatus] = useState("");
  const [dragging, setDragging] = useState(false);
  const [earlier, setEarlier] = useState<string | null>(null);
  const [, setSettingsTick] = useState(0);
  const edited = useRef(new Set<keyof FormValues>());
  const draftKey = useRef(services.newKey());
  const filesRef = useRef(files);
  filesRef.current = files;
  const phpPromise = useRef<Promise<PhpinfoResult> | null>(null);
  const alertRef = useRef<HTMLDivElement>(null);
  const sentRef = useRef<HTMLDivElement>(null);

  const change = <K extends keyof FormValues>(name: K, value: FormValues[K]) => {
    edited.current.add(name);
    setValues((v) => ({ ...v, [name]: value }));
    if ((errors as Record<string, string | undefined>)[name] === undefined) return;
    const rest = { ...errors, [name]: undefined };
    setErrors(rest);
    // The summary says fields are wrong; once none is marked any more it would no longer be true.
    if (alert === t.invalidSummary && !Object.values(rest).some(Boolean)) {
      setAlert(null);
      setStatus("");
    }
  };

  /** set() and prefill change only what the user has not typed over. */
  const applyDefaults = (next: Partial<FormValues>, force: boolean) =>
    setValues((v) => {
      const out = { ...v };
      for (const [k, val] of Object.entries(next) as [keyof FormValues, never][]) {
        if (val === undefined || (!force && edited.current.has(k))) continue;
        out[k] = val;
        if (force) edited.current.add(k);
      }
      return out;
    });

  const loadPhpinfo = () => {
    setPhp({ status: "loading" });
    const p = services.readPhpinfo(host.settings().phpinfo);
    phpPromise.current = p;
    void p.then((result) => phpPromise.current === p && setPhp({ status: "done", result }));
    return p;
  };

  useEffect(() => host.onSettings(() => {
    const s = fromSettings();
    applyDefaults(Object.fromEntries(TEXT_FIELDS.map((k) => [k, s[k] || undefined])), false);
    setSettingsTick((n) => n + 1);
    if (host.settings().phpinfo !== undefined && phpPromise.current) void loadPhpinfo();
  }), []);

  const finish = (outcome: Outcome, submitted: FormValues) => {
    if (outcome.kind === "waiting") {
      setPhase("waiting");
      setStatus(t.offline);
      return;
    }
    if (outcome.kind === "sent") {
      const { ticket } = outcome;
      draftKey.current = services.newKey();
      setSent({ ticket, email: submitted.email.trim(), urgent: submitted.urgent });
      setPhase("sent");
      setStatus(`${t.sentTitle} ${t.sentTid}: TID#${ticket.tid}`);
      host.emit("submitted", { tid: ticket.tid, slaLevel: ticket.slaLevel, responseTargetAt: ticket.responseTargetAt, responseDueAt: ticket.responseDueAt });
      setTimeout(() => sentRef.current?.focus());
      return;
    }
    const { error } = outcome;
    const field = fieldOf(error.field);
    const fileIndex = /^attachments\[(\d+)\]$/.exec(error.field ?? "")?.[1];
    const file = fileIndex !== undefined ? filesRef.current[Number(fileIndex)] : undefined;
    const labels: Record<string, string> = { email: t.email, description: t.description, steps: t.steps, url: t.url, productVersion: t.productVersion, edition: t.edition };
    const message = translateError(host.lang, error.code, { fileName: file?.zippedFrom ?? file?.name, fieldLabel: field ? labels[field] : undefined, size: file?.blob.size, count: filesRef.current.length });
    if (field) setErrors((e) => ({ ...e, [field]: message }));
    if (error.code === ORIGIN_REFUSED) warnOrigin();
    setPhase("form");
    setAlert(message);
    setStatus(message);
    host.emit("error", { code: error.code, message });
    setTimeout(() => alertRef.current?.focus());
  };
  /** The site admin, not the user, can fix a refused origin: the browser console tells them how, once. */
  const warned = useRef(false);
  const checked = useRef(false);
  const warnOrigin = () => {
    if (warned.current) return;
    warned.current = true;
    const origin = new URL(services.pageHref()).origin;
    console.warn(`Tidings: this page's origin ${origin} is not an allowed origin of site ${host.tag.siteKey}, so no report can be sent from it. Add ${origin} to the site's allowed origins in the Tidings console (Admin → Sites).`);
  };
  const finishRef = useRef(finish);
  finishRef.current = finish;
  const submittedRef = useRef(values);

  useEffect(() => services.outbox.subscribe((key, outcome) => {
    if (key === draftKey.current) finishRef.current(outcome, submittedRef.current);
    else if (outcome.kind === "sent") {
      const { tid, slaLevel, responseTargetAt, responseDueAt } = outcome.ticket;
      setEarlier(t.earlierSent(`TID#${tid}`));
      host.emit("submitted", { tid, slaLevel, responseTargetAt, responseDueAt });
    } else if (outcome.kind === "rejected" && outcome.error.code === ORIGIN_REFUSED) {
      // An earlier page's report, refused for where it runs: a new one would be refused too.
      warnOrigin();
      setAlert(translateError(host.lang, ORIGIN_REFUSED));
    }
  }), []);

  const submit = async (e: Event) => {
    e.preventDefault();
    if (phase === "sending" || phase === "waiting") return;
    const errs = validate(values, t);
    setErrors(errs);
    const firstInvalid = FIELD_ORDER.find((f) => errs[f]);
    if (firstInvalid) {
      setAlert(t.invalidSummary);
      setStatus(t.invalidSummary);
      const id = firstInvalid === "productVersion" ? "tdg-version" : `tdg-${firstInvalid}`;
      setTimeout(() => (host.hostElement.shadowRoot ?? document).getElementById(id)?.focus());
      return;
    }
    setAlert(null);
    const phpResult = values.includePhpinfo && phpPromise.current ? await phpPromise.current : null;
    // The widget's language becomes the ticket's: its acknowledgement and later mail speak it.
    const fields: Record<string, string> = { email: values.email.trim(), description: values.description, urgent: String(values.urgent), locale: host.lang };
    for (const k of ["steps", "url", "productVersion", "edition"] as const) if (values[k].trim()) fields[k] = values[k].trim();
    const name = host.settings().name;
    if (name) fields.name = name;
    if (phpResult?.ok) fields.phpinfo = phpResult.phpinfo.text;
    if (values.includeEnvironment) fields.environment = JSON.stringify(services.environment());
    submittedRef.current = values;
    setPhase("sending");
    setProgress(0);
    setStatus(t.sending(0));
    const outcome = await services.outbox.send(
      { key: draftKey.current, siteKey: host.tag.siteKey, url: fields.url ?? "", fields, files: files.map((f) => ({ name: f.name, blob: f.blob })), savedAt: Date.now() },
      setProgress,
    );
    finish(outcome, values);
  };

  const addIncoming = async (incoming: File[]) => {
    if (!incoming.length) return;
    const result = await addFiles(incoming, filesRef.current, services.loadZip, (name) => setBusy(t.zipping(name)));
    setBusy(null);
    setFiles((prev) => [...prev, ...result.added]);
    setNotices([...result.refusals.map((r) => translateError(host.lang, r.code, r.params)), ...result.zipFailures.map(t.zipFailed)]);
  };

  const edit = async (f: Attachment) => {
    const file = await services.editImage(f.blob, f.name);
    if (!file) return;
    const r = await replaceFile(filesRef.current, f.id, file, services.loadZip);
    setFiles(r.files);
    setNotices(r.refusals.map((x) => translateError(host.lang, x.code, x.params)));
  };

  // `withBrowser` is called before the first await: the browser asks only in the click's turn.
  const capture = async (withBrowser?: BrowserCapture) => {
    setCapturing(true);
    setStatus(t.capturing);
    setOffer(null);
    let mod: CaptureModule | undefined;
    try {
      const blob = await (withBrowser ? withBrowser.grab(host.hostElement) : (mod = await services.loadCapture()).capturePage(host.hostElement));
      const stamp = services.now().toISOString().slice(0, 19).replace(/[-:]/g, "").replace("T", "-");
      await addIncoming([new File([blob], `screenshot-${stamp}.png`, { type: "image/png" })]);
      setStatus("");
    } catch (err) {
      const other = mod?.browserCapture(host.lang);
      const message = `${t.captureFailed[classifyCaptureError(err)]} ${other ? other.explain : t.captureOfferUpload}`;
      setOffer(other ?? null);
      setNotices([message]);
      setStatus(message);
    } finally {
      setCapturing(false);
    }
  };

  const show = (prefill?: Prefill) => {
    if (!edited.current.has("url")) setValues((v) => ({ ...v, url: pageAddress(services.pageHref()) }));
    if (prefill) applyDefaults({ ...prefill, edition: isEdition(prefill.edition) ? prefill.edition : undefined }, true);
    if (open) return;
    if (!checked.current && services.checkSite) {
      checked.current = true;
      void services.checkSite().then((code) => {
        if (!code) return;
        if (code === ORIGIN_REFUSED) warnOrigin();
        setAlert(translateError(host.lang, code));
      });
    }
    host.launcher.setAttribute("aria-expanded", "true");
    setOpen(true);
    host.emit("open");
  };
  const hide = () => {
    if (!open) return;
    setOpen(false);
    host.launcher.setAttribute("aria-expanded", "false");
    host.launcher.focus();
    host.emit("close");
  };
  const startOver = () => {
    edited.current = new Set(["email"]);
    setValues((v) => ({ ...blank(), email: v.email }));
    setFiles([]);
    setNotices([]);
    setOffer(null);
    setPhp({ status: "off" });
    phpPromise.current = null;
    setSent(null);
    setStatus("");
    setPhase("form");
  };
  handle.current = { open: show, close: hide, resume: () => void services.outbox.resume() };

  if (!open) return null;
  const locked = phase === "sending" || phase === "waiting";
  const files$ = (list: FileList | undefined | null) => Array.from(list ?? []);
  return (
    <Dialog
      titleId="tdg-title"
      // With the address already known (set() by the product), the user starts with the problem.
      initialFocusId={phase === "form" ? (values.email.trim() ? "tdg-description" : "tdg-email") : undefined}
      describedBy="tdg-intro"
      onClose={hide}
      hostElement={host.hostElement}
      dragging={dragging}
      onDragOver={(e) => {
        if (locked || !e.dataTransfer?.types.includes("Files")) return;
        e.preventDefault();
        setDragging(true);
      }}
      onDragLeave={(e) => !(e.currentTarget as HTMLElement).contains(e.relatedTarget as Node | null) && setDragging(false)}
      onDrop={(e) => {
        if (locked) return;
        e.preventDefault();
        setDragging(false);
        void addIncoming(files$(e.dataTransfer?.files));
      }}
      onPaste={(e) => {
        const pasted = files$(e.clipboardData?.files);
        if (locked || !pasted.length) return;
        e.preventDefault();
        void addIncoming(pasted);
      }}
    >
      <div class="head">
        <div>
          <h2 id="tdg-title">{t.title}</h2>
          <p id="tdg-intro">{t.intro}</p>
        </div>
        <button type="button" class="icon" aria-label={t.close} title={t.close} onClick={hide}>
          <span aria-hidden="true">×</span>
        </button>
      </div>
      <form id="tdg-form" class="form" noValidate onSubmit={submit}>
        <div class="body">
          {phase === "sent" && sent ? (
            <div ref={sentRef} tabIndex={-1}>
              <SentView t={t} ticket={sent.ticket} email={sent.email} urgent={sent.urgent} locale={locale} now={services.now()} />
            </div>
          ) : (
            <>
              {earlier && <div class="notice">{earlier}</div>}
              {alert && <div class="alert" role="alert" tabIndex={-1} ref={alertRef}>{alert}</div>}
              {phase === "waiting" && (
                <div class="notice">
                  {t.offline}{" "}
                  <button type="button" class="link" onClick={() => { setStatus(t.retrying); services.outbox.retryNow(); }}>{t.retryNow}</button>
                </div>
              )}
              <fieldset disabled={locked}>
                <ReportForm t={t} values={values} errors={errors} onChange={change} />
                {phpinfoAvailable(host.settings().phpinfo, host.tag.phpinfoUrl) && (
                  <PhpinfoOption
                    t={t}
                    checked={values.includePhpinfo}
                    state={php}
                    onToggle={(on) => {
                      change("includePhpinfo", on);
                      if (on && (php.status === "off" || (php.status === "done" && !php.result.ok))) void loadPhpinfo();
                    }}
                  />
                )}
                <EnvironmentOption t={t} checked={values.includeEnvironment} read={services.environment} onToggle={(on) => change("includeEnvironment", on)} />
                <Attachments
                  t={t}
                  files={files}
                  notices={notices}
                  busy={busy}
                  capturing={capturing}
                  onFiles={(f) => void addIncoming(f)}
                  onCapture={() => void capture()}
                  offer={offer?.button}
                  onOffer={() => void capture(offer!)}
                  onRemove={(id) => setFiles((prev) => prev.filter((f) => f.id !== id))}
                  onEdit={(f) => void edit(f).catch(() => setNotices([t.editFailed]))}
                />
              </fieldset>
            </>
          )}
        </div>
        {phase === "sending" && <progress max={100} value={progress} aria-label={t.sending(progress)} />}
        <div class="foot">
          <p class={phase === "sent" ? "status visually-hidden" : "status"} role="status" aria-live="polite">{phase === "sending" ? t.sending(progress) : status}</p>
          {phase === "sent" ? (
            <>
              <button type="button" onClick={startOver}>{t.newReport}</button>
              <button type="button" class="primary" onClick={hide}>{t.close}</button>
            </>
          ) : (
            <button type="submit" class="primary" disabled={locked || busy !== null} aria-disabled={locked ? "true" : undefined}>
              {t.send}
            </button>
          )}
        </div>
      </form>
    </Dialog>
  );
}
