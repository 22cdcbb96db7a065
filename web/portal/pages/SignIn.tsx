/** Sign in by mail: the address, then "we sent you a link" (the link lands on SignInLink). */
import { useState } from "preact/hooks";
import { Field } from "../../../ui/Field";
import { EMAIL_PATTERN } from "../../../ui/form";
import { errorText } from "../../shared/i18n";
import { usePortal, useTitle } from "../context";
import { ErrorNote } from "../parts/Status";

export function SignIn({ next, needed = false }: { next: string | null; needed?: boolean }) {
  const { t } = usePortal();
  useTitle(t.signIn.title);
  return (
    <div class="narrow">
      <h1 tabIndex={-1}>{t.signIn.title}</h1>
      {needed && <p class="note">{t.signIn.needed}</p>}
      <LinkRequestForm next={next} />
    </div>
  );
}

/** The address form and its "check your mail" answer; also offered on a refused link's page. */
export function LinkRequestForm({ next, submitLabel }: { next: string | null; submitLabel?: string }) {
  const { t, api, lang, announce } = usePortal();
  const [email, setEmail] = useState("");
  const [fieldError, setFieldError] = useState<string | undefined>();
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const [sentTo, setSentTo] = useState<string | null>(null);

  const submit = async (e: Event) => {
    e.preventDefault();
    const address = email.trim();
    const invalid = !address ? t.signIn.emailMissing : !EMAIL_PATTERN.test(address) ? t.signIn.emailInvalid : undefined;
    setFieldError(invalid);
    if (invalid) {
      document.getElementById("signin-email")?.focus();
      return;
    }
    setBusy(true);
    setError(null);
    const r = await api.requestLink(address, next ?? undefined, lang);
    setBusy(false);
    if (!r.ok) return setError(errorText(lang, r.error));
    setSentTo(address);
    announce(t.signIn.sent(address));
  };

  if (sentTo) {
    return (
      <section class="panel" aria-labelledby="sent-title">
        <h2 id="sent-title">{t.signIn.sentTitle}</h2>
        <p>{t.signIn.sent(sentTo)}</p>
        <p class="hint">{t.signIn.sentHint}</p>
        <button type="button" onClick={() => { setSentTo(null); setTimeout(() => document.getElementById("signin-email")?.focus()); }}>{t.signIn.another}</button>
      </section>
    );
  }
  return (
    <form class="panel" noValidate onSubmit={(e) => void submit(e)}>
      <p>{t.signIn.intro}</p>
      <ErrorNote message={error} />
      <Field id="signin-email" label={t.signIn.email} requiredText={t.required} error={fieldError}>
        {(a) => <input {...a} type="email" name="email" autoComplete="email" aria-required="true" value={email} onInput={(e) => setEmail(e.currentTarget.value)} />}
      </Field>
      <button type="submit" class="primary" disabled={busy}>{busy ? t.signIn.sending : submitLabel ?? t.signIn.submit}</button>
    </form>
  );
}
