/**
 * The dialog's flow, as a reducer: editing → sending → sent, or → waiting when the connection is
 * lost (the outbox sends it later under the same key), or back to editing when refused. Pure: no
 * DOM, no network, no clock. The effects (sending, focus, the host page's events) are the
 * controller's (panel/use-flow.ts), which reports what they gave as actions; every text the
 * dialog shows is chosen here, so the tests read the flow from plain function calls.
 */
import type { ErrorCode } from "../../../shared/error-codes";
import { translateError, type WidgetLang, type WidgetTexts } from "../../../shared/i18n/widget";
import type { AddResult } from "../../../ui/add-files";
import type { Attachment, Refusal } from "../../../ui/files";
import { fieldOf, type FieldErrors, type FormValues } from "../../../ui/form";
import type { BrowserCapture } from "../../types";
import type { CaptureFailure } from "./capture-errors";
import type { Outcome } from "./outbox";
import type { PhpinfoResult } from "../phpinfo/source";

export type Phase = "form" | "sending" | "waiting" | "sent";
export type PhpinfoState = { status: "off" } | { status: "loading" } | { status: "done"; result: PhpinfoResult };
type Ticket = Extract<Outcome, { kind: "sent" }>["ticket"];

export interface FlowState {
  open: boolean;
  phase: Phase;
  values: FormValues;
  /** What the user typed over: set() and a prefill without force leave these alone. */
  edited: ReadonlySet<keyof FormValues>;
  errors: FieldErrors;
  /** The values of the send in flight: the sent view shows its address and urgency. */
  submitted: FormValues | null;
  sent: { ticket: Ticket; email: string; urgent: boolean } | null;
  progress: number;
  alert: string | null;
  /** The live region's text (while sending it is the progress instead). */
  status: string;
  earlier: string | null;
  files: Attachment[];
  notices: string[];
  busy: string | null;
  capturing: boolean;
  offer: BrowserCapture | null;
  php: PhpinfoState;
  dragging: boolean;
}

export type Action =
  | { type: "open" | "close" | "retrying" | "captureStart" | "captured" }
  | { type: "change"; name: keyof FormValues; value: FormValues[keyof FormValues] }
  | { type: "defaults"; values: Partial<FormValues>; force?: boolean }
  | { type: "checked"; errors: FieldErrors }
  | { type: "send"; values: FormValues }
  | { type: "progress"; value: number }
  /** The outcome of this dialog's own report. */
  | { type: "outcome"; outcome: Outcome }
  /** A report of an earlier page that the outbox delivered now. */
  | { type: "earlier"; tid: string }
  | { type: "refusedHere"; code: string }
  | { type: "zipping"; name: string }
  | { type: "added"; result: AddResult }
  | { type: "replaced"; files: Attachment[]; refusals: Refusal[] }
  | { type: "remove"; id: string }
  | { type: "editFailed" }
  | { type: "captureFailed"; failure: CaptureFailure; other: BrowserCapture | null }
  | { type: "php"; state: PhpinfoState }
  | { type: "dragging"; on: boolean }
  | { type: "startOver"; blank: FormValues };

export interface FlowTexts {
  t: WidgetTexts;
  lang: WidgetLang;
}

export const ORIGIN_REFUSED: ErrorCode = "ORIGIN_NOT_ALLOWED";

export const isLocked = (s: FlowState) => s.phase === "sending" || s.phase === "waiting";

export const initialFlow = (values: FormValues): FlowState => ({
  open: false, phase: "form", values, edited: new Set(), errors: {}, submitted: null, sent: null, progress: 0, alert: null, status: "",
  earlier: null, files: [], notices: [], busy: null, capturing: false, offer: null, php: { status: "off" }, dragging: false,
});

/** The server's refusal of a report in the user's words, and the field it names if any. */
function refusal({ t, lang }: FlowTexts, error: { code: string; field?: string }, files: readonly Attachment[]) {
  const field = fieldOf(error.field);
  const index = /^attachments\[(\d+)\]$/.exec(error.field ?? "")?.[1];
  const file = index !== undefined ? files[Number(index)] : undefined;
  const message = translateError(lang, error.code, { fileName: file?.zippedFrom ?? file?.name, fieldLabel: field ? t[field] : undefined, size: file?.blob.size, count: files.length });
  return { field, message };
}

export function flowReducer(texts: FlowTexts): (s: FlowState, a: Action) => FlowState {
  const { t, lang } = texts;
  const refused = (list: readonly Refusal[]) => list.map((r) => translateError(lang, r.code, r.params));
  // Each step gives only what changes; the rest of the state stays as it was.
  const step = (s: FlowState, a: Action): Partial<FlowState> => {
    switch (a.type) {
      case "open": return { open: true };
      case "close": return { open: false };
      case "change": {
        const values = { ...s.values, [a.name]: a.value };
        const edited = new Set(s.edited).add(a.name);
        if (s.errors[a.name as keyof FieldErrors] === undefined) return { values, edited };
        const errors = { ...s.errors, [a.name]: undefined };
        // The summary says fields are wrong; once none is marked any more it would no longer be true.
        const stale = s.alert === t.invalidSummary && !Object.values(errors).some(Boolean);
        return { values, edited, errors, ...(stale ? { alert: null, status: "" } : {}) };
      }
      case "defaults": {
        const values = { ...s.values };
        const edited = new Set(s.edited);
        for (const [k, v] of Object.entries(a.values) as [keyof FormValues, never][]) {
          if (v === undefined || (!a.force && s.edited.has(k))) continue;
          values[k] = v;
          if (a.force) edited.add(k);
        }
        return { values, edited };
      }
      case "checked": {
        const invalid = Object.values(a.errors).some(Boolean);
        return { errors: a.errors, alert: invalid ? t.invalidSummary : null, status: invalid ? t.invalidSummary : s.status };
      }
      case "send": return { submitted: a.values, phase: "sending", progress: 0, status: t.sending(0) };
      case "progress": return { progress: a.value };
      case "outcome": {
        const o = a.outcome;
        if (o.kind === "waiting") return { phase: "waiting", status: t.offline };
        if (o.kind === "sent") {
          const v = s.submitted ?? s.values;
          return { phase: "sent", sent: { ticket: o.ticket, email: v.email.trim(), urgent: v.urgent }, status: `${t.sentTitle} ${t.sentTid}: TID#${o.ticket.tid}` };
        }
        const { field, message } = refusal(texts, o.error, s.files);
        return { phase: "form", errors: field ? { ...s.errors, [field]: message } : s.errors, alert: message, status: message };
      }
      case "earlier": return { earlier: t.earlierSent(`TID#${a.tid}`) };
      case "refusedHere": return { alert: translateError(lang, a.code) };
      case "retrying": return { status: t.retrying };
      case "zipping": return { busy: t.zipping(a.name) };
      case "added": return { busy: null, files: [...s.files, ...a.result.added], notices: [...refused(a.result.refusals), ...a.result.zipFailures.map(t.zipFailed)] };
      case "replaced": return { files: a.files, notices: refused(a.refusals) };
      case "remove": return { files: s.files.filter((f) => f.id !== a.id) };
      case "editFailed": return { notices: [t.editFailed] };
      case "captureStart": return { capturing: true, status: t.capturing, offer: null };
      case "captured": return { capturing: false, status: "" };
      case "captureFailed": {
        const message = `${t.captureFailed[a.failure]} ${a.other ? a.other.explain : t.captureOfferUpload}`;
        return { capturing: false, offer: a.other, notices: [message], status: message };
      }
      case "php": return { php: a.state };
      case "dragging": return { dragging: a.on };
      case "startOver":
        return { phase: "form", values: { ...a.blank, email: s.values.email }, edited: new Set(["email"]), files: [], notices: [], offer: null, php: { status: "off" }, sent: null, status: "" };
    }
  };
  return (s, a) => ({ ...s, ...step(s, a) });
}
