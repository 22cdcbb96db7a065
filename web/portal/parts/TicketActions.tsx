/**
 * What a client does in a ticket's conversation (SLA 5): reply with attachments, reopen a
 * resolved or closed ticket, and ask a supervisor or the account manager. Each form reloads the
 * ticket when it changed something. Rating is RatingForm.tsx, server access CredentialsForm.tsx.
 */
import { useState } from "preact/hooks";
import { Field } from "../../../ui/Field";
import type { TicketStatus } from "../../shared/api";
import { formatDue } from "../../shared/format";
import { errorText } from "../../shared/i18n";
import { usePortal } from "../context";
import { inputValue, Panel, SubmitRow } from "./action-form";
import { FilePicker, pastedFiles, useAttachments } from "./FilePicker";
import { ErrorNote } from "./Status";
import { useSubmit } from "./useSubmit";
import { isDone } from "../../../shared/ticket-status";
import type { EscalationTarget } from "../../../shared/roles";

interface ActionProps {
  tid: string;
  token: string | null;
  status: TicketStatus;
  onChanged: () => void;
}

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
      <form noValidate onSubmit={(e) => void submit(e)} onPaste={(e) => {
        const pasted = pastedFiles(e);
        if (!pasted.length) return;
        e.preventDefault();
        void files.add(pasted);
      }}>
        <ErrorNote message={s.error} />
        <fieldset disabled={s.busy}>
          <Field id="reply-body" label={t.reply.label} requiredText={t.required} hint={isDone(status) ? t.reply.reopensNote : undefined} error={fieldError}>
            {(a) => <textarea {...a} name="body" rows={5} aria-required="true" maxLength={50_000} value={body} onInput={(e) => setBody(inputValue(e))} />}
          </Field>
          <FilePicker id="reply-files" state={files} disabled={s.busy} />
        </fieldset>
        <SubmitRow busy={s.busy} disabled={s.busy || files.busy !== null} label={t.reply.submit} busyLabel={t.reply.busy} done={s.done} />
      </form>
    </Panel>
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

export function ReopenForm({ tid, token, onReopened }: { tid: string; token: string | null; onReopened: (message: string) => void }) {
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
      <form noValidate onSubmit={(e) => void submit(e)}>
        <ErrorNote message={s.error} />
        <Field id="reopen-reason" label={t.reopen.label} requiredText={t.required} error={fieldError}>
          {(a) => <textarea {...a} name="reason" rows={3} aria-required="true" maxLength={5000} value={reason} onInput={(e) => setReason(inputValue(e))} disabled={s.busy} />}
        </Field>
        <SubmitRow busy={s.busy} label={t.reopen.submit} busyLabel={t.reopen.busy} />
      </form>
    </Panel>
  );
}

/** `onChanged`: the escalation is a message of the conversation, so the page shows it at once. */
export function EscalationForm({ tid, token, onChanged }: { tid: string; token: string | null; onChanged?: () => void }) {
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
      <form noValidate onSubmit={(e) => void submit(e)}>
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
            {(a) => <textarea {...a} name="reason" rows={3} aria-required="true" maxLength={5000} value={reason} onInput={(e) => setReason(inputValue(e))} />}
          </Field>
        </fieldset>
        <SubmitRow busy={s.busy} label={t.escalate.submit} busyLabel={t.escalate.busy} done={s.done} />
      </form>
    </Panel>
  );
}
