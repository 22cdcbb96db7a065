/** Handing over server access (SLA 4.3): the form, and the logins already handed over. */
import { useEffect, useState } from "preact/hooks";
import { Field } from "../../../ui/Field";
import type { CredentialListed, TicketStatus } from "../../shared/api";
import { formatWhen } from "../../shared/format";
import { CREDENTIAL_KIND_IDS, type CredentialKind } from "../../shared/i18n";
import { usePortal } from "../context";
import { inputValue, Panel, SubmitRow } from "./action-form";
import { ErrorNote } from "./Status";
import { useSubmit } from "./useSubmit";
import { isDone } from "../../../shared/ticket-status";

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
  const set = (k: keyof CredValues) => (e: Event) => setV((x) => ({ ...x, [k]: inputValue(e) }));

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
                <li key={c.id}><strong>{c.label}</strong> ({t.credentials.listed(t.credentials.kinds[c.kind] ?? c.kind, formatWhen(c.createdAt, locale))})</li>
              ))}
            </ul>
          ) : <p class="hint">{t.credentials.none}</p>}
        </div>
      )}
      <form noValidate onSubmit={(e) => void submit(e)} autoComplete="off" aria-describedby="cred-warning">
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
