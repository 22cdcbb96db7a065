/**
 * A new ticket from the portal: the widget's questions (SLA 4.2) with its labels, checks and
 * attachment rules, plus a subject. The sender is the signed-in client (the server takes the
 * address from the session, whatever a form says), so the address is shown, not asked.
 */
import { useRef, useState } from "preact/hooks";
import { KB_REF_TEXTS, SUGGEST_TEXTS } from "../../../shared/i18n/suggestions";
import { EDITIONS, HTTP_URL_PATTERN, LIMITS } from "../../../shared/limits";
import { formatTid } from "../../../shared/tid";
import { Field } from "../../../ui/Field";
import { FIELD_ORDER, fieldOf, validate, type FieldErrors, type FormValues } from "../../../ui/form";
import { errorText, fieldTexts } from "../../shared/i18n";
import { navigate, paths } from "../../shared/router";
import { clientEmail, usePortal, useTitle } from "../context";
import { FilePicker, pastedFiles, useAttachments } from "../parts/FilePicker";
import { ErrorNote } from "../parts/Status";

type Values = Omit<FormValues, "email" | "includePhpinfo" | "includeEnvironment"> & { subject: string; docLink: string };
type Errors = FieldErrors & { subject?: string; docLink?: string };
const EMPTY: Values = { subject: "", description: "", steps: "", url: "", productVersion: "", edition: "", urgent: false, docLink: "" };
const ID: Record<string, string> = { docLink: "nt-doclink", description: "nt-description", steps: "nt-steps", url: "nt-url", productVersion: "nt-version", edition: "nt-edition", subject: "nt-subject" };

/** crypto.randomUUID exists only on https (and localhost); getRandomValues everywhere. */
export function newKey(): string {
  const b = crypto.getRandomValues(new Uint8Array(16));
  return `portal-${Array.from(b, (x) => x.toString(16).padStart(2, "0")).join("")}`;
}

export function NewTicket() {
  const { t, lang, api, principal, announce } = usePortal();
  const wt = fieldTexts(lang);
  useTitle(t.create.title);
  const email = clientEmail(principal) ?? "";
  const [values, setValues] = useState<Values>(EMPTY);
  const [errors, setErrors] = useState<Errors>({});
  const [error, setError] = useState<string | null>(null);
  const [invalid, setInvalid] = useState(false);
  const [busy, setBusy] = useState(false);
  const files = useAttachments();
  // One key per filled-in form: sending it twice (a double click, a retry) gives one ticket.
  const key = useRef(newKey());

  const set = <K extends keyof Values>(name: K, value: Values[K]) => {
    setValues((v) => ({ ...v, [name]: value }));
    if (errors[name as keyof Errors]) setErrors((e) => ({ ...e, [name]: undefined }));
  };
  const text = (name: "subject" | "description" | "steps" | "url" | "productVersion" | "docLink") => (e: Event) => set(name, (e.currentTarget as HTMLInputElement).value);

  const submit = async (e: Event) => {
    e.preventDefault();
    if (busy) return;
    const errs: Errors = validate({ ...values, email, includePhpinfo: false, includeEnvironment: false }, wt);
    if (values.subject.length > LIMITS.subject) errs.subject = wt.invalid.tooLong(LIMITS.subject);
    // SLA 1.2: the documentation the client already read, an http(s) address as the server checks it.
    const doc = values.docLink.trim();
    if (doc && (doc.length > LIMITS.url || !HTTP_URL_PATTERN.test(doc))) errs.docLink = SUGGEST_TEXTS[lang].docLinkInvalid;
    setErrors(errs);
    const first = (["subject", "description", "docLink", ...FIELD_ORDER] as const).find((f) => errs[f]);
    setInvalid(Boolean(first));
    if (first) {
      setError(wt.invalidSummary);
      setTimeout(() => document.getElementById(ID[first]!)?.focus());
      return;
    }
    const form = new FormData();
    form.set("email", email);
    form.set("description", values.description);
    form.set("urgent", String(values.urgent));
    // The portal's language becomes the ticket's (its mail speaks it), and the client's remembered choice.
    form.set("locale", lang);
    for (const k of ["subject", "steps", "url", "productVersion", "edition", "docLink"] as const) if (values[k].trim()) form.set(k, values[k].trim());
    for (const f of files.files) form.append("attachments", f.blob, f.name);
    setBusy(true);
    setError(null);
    const r = await api.createTicket(form, key.current);
    setBusy(false);
    if (r.ok) {
      announce(t.create.created(formatTid(r.data.tid)));
      navigate(paths.ticket(r.data.tid));
      return;
    }
    // Refused: the next try is another request. No answer at all: the same one, sent again.
    if (r.error.status !== 0) key.current = newKey();
    const field = fieldOf(r.error.field);
    const file = files.named(r.error.field);
    const labels: Record<string, string> = { description: wt.description, steps: wt.steps, url: wt.url, productVersion: wt.productVersion, edition: wt.edition };
    const message = errorText(lang, r.error, { fileName: file?.zippedFrom ?? file?.name, size: file?.blob.size, count: files.files.length, fieldLabel: field ? labels[field] : undefined });
    if (field && field !== "email") setErrors((x) => ({ ...x, [field]: message }));
    if (r.error.field === "docLink") setErrors((x) => ({ ...x, docLink: message }));
    setError(message);
  };

  return (
    <div class="narrow wide-ish">
      <h1 tabIndex={-1}>{t.create.title}</h1>
      <p class="lead">{t.create.intro}</p>
      <form class="panel" noValidate onSubmit={(e) => void submit(e)} onPaste={(e) => {
        const pasted = pastedFiles(e);
        if (!pasted.length) return;
        e.preventDefault();
        void files.add(pasted);
      }}>
        <p class="note">{t.create.sendingAs(email)}</p>
        <ErrorNote message={error} focus={!invalid} />
        <fieldset disabled={busy}>
          <Field id="nt-subject" label={t.create.subject} hint={t.create.subjectHint} error={errors.subject}>
            {(a) => <input {...a} type="text" name="subject" maxLength={LIMITS.subject} value={values.subject} onInput={text("subject")} />}
          </Field>
          <Field id="nt-description" label={wt.description} requiredText={t.required} hint={wt.descriptionHint} error={errors.description}>
            {(a) => <textarea {...a} name="description" rows={6} aria-required="true" maxLength={LIMITS.description} value={values.description} onInput={text("description")} />}
          </Field>
          <Field id="nt-doclink" label={KB_REF_TEXTS[lang].docLink} hint={KB_REF_TEXTS[lang].docLinkHint} error={errors.docLink}>
            {(a) => <input {...a} type="url" name="docLink" inputMode="url" maxLength={LIMITS.url} value={values.docLink} onInput={text("docLink")} />}
          </Field>
          <Field id="nt-steps" label={wt.steps} error={errors.steps}>
            {(a) => <textarea {...a} name="steps" rows={4} placeholder={wt.stepsHint} maxLength={LIMITS.steps} value={values.steps} onInput={text("steps")} />}
          </Field>
          <Field id="nt-url" label={wt.url} hint={wt.urlHint} error={errors.url}>
            {(a) => <input {...a} type="url" name="url" inputMode="url" maxLength={LIMITS.url} value={values.url} onInput={text("url")} />}
          </Field>
          <div class="row">
            <Field id="nt-version" label={wt.productVersion} error={errors.productVersion}>
              {(a) => <input {...a} type="text" name="productVersion" maxLength={LIMITS.productVersion} value={values.productVersion} onInput={text("productVersion")} />}
            </Field>
            <Field id="nt-edition" label={wt.edition} error={errors.edition}>
              {(a) => (
                <select {...a} name="edition" value={values.edition} onChange={(e) => set("edition", e.currentTarget.value as Values["edition"])}>
                  <option value="">{wt.editionUnknown}</option>
                  {EDITIONS.map((ed) => <option key={ed} value={ed}>{wt.editions[ed]}</option>)}
                </select>
              )}
            </Field>
          </div>
          <div class="check">
            <input type="checkbox" id="nt-urgent" name="urgent" checked={values.urgent} aria-describedby="nt-urgent-hint" onChange={(e) => set("urgent", e.currentTarget.checked)} />
            <div>
              <label for="nt-urgent">{wt.urgent}</label>
              <span class="hint" id="nt-urgent-hint">{wt.urgentHint}</span>
            </div>
          </div>
          <FilePicker id="nt-files" state={files} disabled={busy} />
        </fieldset>
        <div class="actions">
          <button type="submit" class="primary" disabled={busy || files.busy !== null}>{busy ? t.create.busy : t.create.submit}</button>
        </div>
      </form>
    </div>
  );
}
