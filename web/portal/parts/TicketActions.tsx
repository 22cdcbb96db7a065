/**
 * What a client does on a ticket (SLA 4.3 and 5): reply with attachments, reopen a resolved or
 * closed ticket, rate a resolved one in two steps, ask a supervisor or the account manager, and
 * hand over server access. Each form reloads the ticket when it changed something.
 */
import type { ComponentChildren } from "preact";
import { useEffect, useRef, useState } from "preact/hooks";
import { Field } from "../../../ui/Field";
import type { CredentialListed, TicketStatus } from "../../shared/api";
import { formatDue, formatWhen } from "../../shared/format";
import { CREDENTIAL_KIND_IDS, errorText, type CredentialKind } from "../../shared/i18n";
import { usePortal } from "../context";
import { FilePicker, pastedFiles, useAttachments } from "./FilePicker";
import { ErrorNote, StatusNote } from "./Status";
import { useSubmit } from "./useSubmit";
import { isDone } from "../../../shared/ticket-status";
import type { EscalationTarget } from "../../../shared/roles";

interface ActionProps {
  tid: string;
  token: string | null;
  status: TicketStatus;
  onChanged(): void;
}

const value = (e: Event) => (e.currentTarget as HTMLInputElement).value;

export function ReplyForm({ tid, token, status, onChanged }: ActionProps) {
  const { t, api, lang } = usePortal();
  const [body, setBody] = useState("");
  const [fieldError, setFieldError] = useState<string | undefined>();
  const files = useAttachments();
  const s = useSubmit();
  const submit = async (e: Event) => {
    e.preventDefault();
    if (!body.trim()) {
      setFieldError(t.reply.empty);
      document.getElementById("reply-body")?.focus();
      return;
    }
    setFieldError(undefined);
    const form = new FormData();
    form.set("body", body);
    for (const f of files.files) form.append("attachments", f.blob, f.name);
    const ok = await s.run(() => api.reply(tid, form, token), () => t.reply.sent, (err) => {
      const file = files.named(err.field);
      return errorText(lang, err, { fileName: file?.zippedFrom ?? file?.name, size: file?.blob.size, count: files.files.length });
    });
    if (ok) {
      setBody("");
      files.clear();
      onChanged();
    }
  };
  return (
    <Panel id="reply-title" title={t.reply.title}>
      <form noValidate onSubmit={submit} onPaste={(e) => {
        const pasted = pastedFiles(e);
        if (!pasted.length) return;
        e.preventDefault();
        void files.add(pasted);
      }}>
        <ErrorNote message={s.error} />
        <fieldset disabled={s.busy}>
          <Field id="reply-body" label={t.reply.label} requiredText={t.required} hint={isDone(status) ? t.reply.reopensNote : undefined} error={fieldError}>
            {(a) => <textarea {...a} name="body" rows={5} aria-required="true" maxLength={50_000} value={body} onInput={(e) => setBody(value(e))} />}
          </Field>
          <FilePicker id="reply-files" state={files} disabled={s.busy} />
        </fieldset>
        <SubmitRow busy={s.busy} disabled={s.busy || files.busy !== null} label={t.reply.submit} busyLabel={t.reply.busy} done={s.done} />
      </form>
    </Panel>
  );
}

/** One action's panel, named by its heading. */
function Panel({ id, title, children }: { id: string; title: string; children: ComponentChildren }) {
  return (
    <section class="panel" aria-labelledby={id}>
      <h2 id={id}>{title}</h2>
      {children}
    </section>
  );
}

/**
 * A form's submit button, which says so while the call runs, and beside it the form's success
 * status where the form has one (`done` left out: the page says the outcome elsewhere).
 */
function SubmitRow({ busy, disabled = busy, label, busyLabel, done }: { busy: boolean; disabled?: boolean; label: string; busyLabel: string; done?: string | null }) {
  return (
    <div class="actions">
      <button type="submit" class="primary" disabled={disabled}>{busy ? busyLabel : label}</button>
      {done !== undefined && <StatusNote message={done} />}
    </div>
  );
}

/** A reason of three characters or more, checked before it is sent; a short one is said at its field, which takes the focus. */
function useReason(fieldId: string, tooShort: string) {
  const [reason, setReason] = useState("");
  const [fieldError, setFieldError] = useState<string | undefined>();
  const check = () => {
    const long = reason.trim().length >= 3;
    setFieldError(long ? undefined : tooShort);
    if (!long) document.getElementById(fieldId)?.focus();
    return long;
  };
  return { reason, setReason, fieldError, check };
}

export function ReopenForm({ tid, token, onReopened }: { tid: string; token: string | null; onReopened(message: string): void }) {
  const { t, api, locale, now } = usePortal();
  const { reason, setReason, fieldError, check } = useReason("reopen-reason", t.reopen.tooShort);
  const s = useSubmit();
  const submit = async (e: Event) => {
    e.preventDefault();
    if (!check()) return;
    const r = await s.run(() => api.reopen(tid, reason, token), () => null);
    if (r) onReopened(t.reopen.done(r.responseDueAt ? formatDue(r.responseDueAt, locale, now()).when : null));
  };
  return (
    <Panel id="reopen-title" title={t.reopen.title}>
      <p>{t.reopen.intro}</p>
      <form noValidate onSubmit={submit}>
        <ErrorNote message={s.error} />
        <Field id="reopen-reason" label={t.reopen.label} requiredText={t.required} error={fieldError}>
          {(a) => <textarea {...a} name="reason" rows={3} aria-required="true" maxLength={5000} value={reason} onInput={(e) => setReason(value(e))} disabled={s.busy} />}
        </Field>
        <SubmitRow busy={s.busy} label={t.reopen.submit} busyLabel={t.reopen.busy} />
      </form>
    </Panel>
  );
}

/**
 * The vote is stored first and counts only once confirmed (the server's two steps), so a mail
 * link scanner that follows links cannot vote; here the second step is a plain confirmation.
 */
export function RatingForm({ tid, token }: { tid: string; token: string | null }) {
  const { t, api } = usePortal();
  const [score, setScore] = useState<number | null>(null);
  const [comment, setComment] = useState("");
  const [step, setStep] = useState<"pick" | "confirm" | "done">("pick");
  const [pickError, setPickError] = useState<string | undefined>();
  const s = useSubmit();
  const confirmRef = useRef<HTMLHeadingElement>(null);
  const doneRef = useRef<HTMLParagraphElement>(null);
  useEffect(() => {
    if (step === "confirm") confirmRef.current?.focus();
    if (step === "done") doneRef.current?.focus();
  }, [step]);

  const next = async (e: Event) => {
    e.preventDefault();
    if (!score) {
      setPickError(t.rate.pickScore);
      document.getElementById("rate-1")?.focus();
      return;
    }
    setPickError(undefined);
    if (await s.run(() => api.rate(tid, score, comment.trim(), token), () => null)) setStep("confirm");
  };
  const confirm = async () => {
    if (await s.run(() => api.confirmRating(tid, token), () => null)) setStep("done");
  };
  const word = (n: number) => t.rate.scores[n as 1 | 2 | 3 | 4 | 5];

  return (
    <Panel id="rate-title" title={t.rate.title}>
      {step === "pick" && (
        <form noValidate onSubmit={next}>
          <p>{t.rate.intro}</p>
          <ErrorNote message={s.error} />
          <fieldset class="scores" aria-describedby={pickError ? "rate-error" : undefined} disabled={s.busy}>
            <legend>{t.rate.legend}</legend>
            <div class="score-options">
              {[1, 2, 3, 4, 5].map((n) => (
                <label key={n} class="score" for={`rate-${n}`}>
                  <input type="radio" id={`rate-${n}`} name="score" value={n} checked={score === n} onChange={() => setScore(n)} />
                  <span>{word(n)}</span>
                </label>
              ))}
            </div>
            {pickError && <span class="error" id="rate-error">{pickError}</span>}
          </fieldset>
          <Field id="rate-comment" label={t.rate.comment}>
            {(a) => <textarea {...a} name="comment" rows={3} maxLength={5000} value={comment} onInput={(e) => setComment(value(e))} disabled={s.busy} />}
          </Field>
          <SubmitRow busy={s.busy} label={t.rate.next} busyLabel={t.rate.busy} />
        </form>
      )}
      {step === "confirm" && score && (
        <div class="confirm">
          <h3 ref={confirmRef} tabIndex={-1}>{t.rate.confirmTitle}</h3>
          <p>{t.rate.confirmText(score, word(score))}</p>
          {comment.trim() && <p class="quote">{t.rate.confirmComment(comment.trim())}</p>}
          <ErrorNote message={s.error} />
          <div class="actions">
            <button type="button" class="primary" disabled={s.busy} onClick={() => void confirm()}>{s.busy ? t.rate.busy : t.rate.confirm}</button>
            <button type="button" disabled={s.busy} onClick={() => setStep("pick")}>{t.rate.change}</button>
          </div>
        </div>
      )}
      {step === "done" && score && <p ref={doneRef} tabIndex={-1} class="ok" role="status">{t.rate.done(score)}</p>}
    </Panel>
  );
}

/** `onChanged`: the escalation is a message of the conversation, so the page shows it at once. */
export function EscalationForm({ tid, token, onChanged }: { tid: string; token: string | null; onChanged?(): void }) {
  const { t, api } = usePortal();
  const [target, setTarget] = useState<EscalationTarget>("supervisor");
  const { reason, setReason, fieldError, check } = useReason("esc-reason", t.escalate.tooShort);
  const s = useSubmit();
  const submit = async (e: Event) => {
    e.preventDefault();
    if (!check()) return;
    if (await s.run(() => api.escalate(tid, target, reason, token), () => t.escalate.done(target))) {
      setReason("");
      onChanged?.();
    }
  };
  return (
    <Panel id="esc-title" title={t.escalate.title}>
      <p>{t.escalate.intro}</p>
      <form noValidate onSubmit={submit}>
        <ErrorNote message={s.error} />
        <fieldset disabled={s.busy}>
          <fieldset class="choices">
            <legend>{t.escalate.legend}</legend>
            <label for="esc-supervisor" class="choice">
              <input type="radio" id="esc-supervisor" name="target" value="supervisor" checked={target === "supervisor"} onChange={() => setTarget("supervisor")} />
              <span>{t.escalate.supervisor}</span>
            </label>
            <label for="esc-am" class="choice">
              <input type="radio" id="esc-am" name="target" value="account-manager" checked={target === "account-manager"} aria-describedby="esc-am-hint" onChange={() => setTarget("account-manager")} />
              <span>{t.escalate.accountManager}</span>
            </label>
            <span class="hint" id="esc-am-hint">{t.escalate.accountManagerHint}</span>
          </fieldset>
          <Field id="esc-reason" label={t.escalate.reason} requiredText={t.required} error={fieldError}>
            {(a) => <textarea {...a} name="reason" rows={3} aria-required="true" maxLength={5000} value={reason} onInput={(e) => setReason(value(e))} />}
          </Field>
        </fieldset>
        <SubmitRow busy={s.busy} label={t.escalate.submit} busyLabel={t.escalate.busy} done={s.done} />
      </form>
    </Panel>
  );
}

type CredValues = { kind: CredentialKind; label: string; host: string; username: string; secret: string; notes: string };
const NO_CRED: CredValues = { kind: "ftp", label: "", host: "", username: "", secret: "", notes: "" };

/** SLA 4.3: server logins, sealed by the server; destroyed when the ticket is resolved or closed. */
export function CredentialsForm({ tid, token, status }: { tid: string; token: string | null; status: TicketStatus }) {
  const { t, api, locale } = usePortal();
  const [v, setV] = useState<CredValues>(NO_CRED);
  const [errors, setErrors] = useState<{ label?: string; secret?: string }>({});
  const [list, setList] = useState<CredentialListed[] | null>(null);
  const s = useSubmit();
  const load = () => void api.credentials(tid, token).then((r) => r.ok && setList(r.data.items));
  useEffect(load, [tid]);
  const set = (k: keyof CredValues) => (e: Event) => setV((x) => ({ ...x, [k]: value(e) }));

  const submit = async (e: Event) => {
    e.preventDefault();
    const errs = { label: v.label.trim() ? undefined : t.credentials.labelMissing, secret: v.secret ? undefined : t.credentials.secretMissing };
    setErrors(errs);
    const first = errs.label ? "cred-label" : errs.secret ? "cred-secret" : null;
    if (first) return document.getElementById(first)?.focus();
    const opt = (x: string) => x.trim() || undefined;
    const input = { kind: v.kind, label: v.label.trim(), host: opt(v.host), username: opt(v.username), secret: v.secret, notes: opt(v.notes) };
    if (await s.run(() => api.addCredential(tid, input, token), () => t.credentials.stored(input.label))) {
      setV(NO_CRED);
      load();
    }
  };

  if (isDone(status)) {
    return (
      <Panel id="cred-title" title={t.credentials.title}>
        <p>{t.credentials.closed}</p>
      </Panel>
    );
  }
  return (
    <Panel id="cred-title" title={t.credentials.title}>
      <p>{t.credentials.intro}</p>
      <p class="warn-note" id="cred-warning">{t.credentials.warning}</p>
      {list && (
        <div class="cred-list">
          <h3>{t.credentials.listTitle}</h3>
          {list.length ? (
            <ul>
              {list.map((c) => (
                <li key={c.id}><strong>{c.label}</strong> ({t.credentials.listed(t.credentials.kinds[c.kind as CredentialKind] ?? c.kind, formatWhen(c.createdAt, locale))})</li>
              ))}
            </ul>
          ) : <p class="hint">{t.credentials.none}</p>}
        </div>
      )}
      <form noValidate onSubmit={submit} autoComplete="off" aria-describedby="cred-warning">
        <ErrorNote message={s.error} />
        <fieldset disabled={s.busy}>
          <Field id="cred-kind" label={t.credentials.kind}>
            {(a) => (
              <select {...a} name="kind" value={v.kind} onChange={set("kind")}>
                {CREDENTIAL_KIND_IDS.map((k) => <option key={k} value={k}>{t.credentials.kinds[k]}</option>)}
              </select>
            )}
          </Field>
          <Field id="cred-label" label={t.credentials.label} requiredText={t.required} hint={t.credentials.labelHint} error={errors.label}>
            {(a) => <input {...a} type="text" name="label" aria-required="true" maxLength={200} value={v.label} onInput={set("label")} />}
          </Field>
          <div class="row">
            <Field id="cred-host" label={t.credentials.host}>
              {(a) => <input {...a} type="text" name="host" maxLength={300} autoComplete="off" spellcheck={false} value={v.host} onInput={set("host")} />}
            </Field>
            <Field id="cred-user" label={t.credentials.username}>
              {(a) => <input {...a} type="text" name="username" maxLength={300} autoComplete="off" spellcheck={false} value={v.username} onInput={set("username")} />}
            </Field>
          </div>
          <Field id="cred-secret" label={t.credentials.secret} requiredText={t.required} hint={t.credentials.secretHint} error={errors.secret}>
            {(a) => <input {...a} type="password" name="secret" aria-required="true" maxLength={10_000} autoComplete="new-password" spellcheck={false} value={v.secret} onInput={set("secret")} />}
          </Field>
          <Field id="cred-notes" label={t.credentials.notes}>
            {(a) => <textarea {...a} name="notes" rows={2} maxLength={2000} value={v.notes} onInput={set("notes")} />}
          </Field>
        </fieldset>
        <SubmitRow busy={s.busy} label={t.credentials.submit} busyLabel={t.credentials.busy} done={s.done} />
      </form>
    </Panel>
  );
}
