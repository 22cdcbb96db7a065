/** Staff sign-in with email and password; a client's session in the same browser is told apart. */
import { useEffect, useRef, useState } from "preact/hooks";
import type { Principal } from "../../../shared/principal";
import type { ConsoleApi } from "../api";
import { errorText, type ConsoleTexts } from "../i18n";
import { ErrorNote } from "../parts/Notes";

export function SignIn({ api, t, principal, onSignedIn }: { api: ConsoleApi; t: ConsoleTexts; principal: Principal; onSignedIn: (p: Principal) => void }) {
  const [email, setEmail] = useState("");
  const [password, setPassword] = useState("");
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const [invalid, setInvalid] = useState<"email" | "password" | null>(null);
  const emailRef = useRef<HTMLInputElement>(null);
  const passwordRef = useRef<HTMLInputElement>(null);
  useEffect(() => {
    document.title = `${t.signIn.title} · ${t.appName}`;
  }, [t]);

  const submit = async (e: Event) => {
    e.preventDefault();
    if (!email.trim()) {
      setInvalid("email");
      setError(t.signIn.emailMissing);
      emailRef.current?.focus();
      return;
    }
    if (!password) {
      setInvalid("password");
      setError(t.signIn.passwordMissing);
      passwordRef.current?.focus();
      return;
    }
    setBusy(true);
    setError(null);
    setInvalid(null);
    const r = await api.login(email.trim(), password);
    setBusy(false);
    if (r.ok) {
      if (r.data.principal.kind !== "staff") return setError(t.signIn.notStaff);
      return onSignedIn(r.data.principal);
    }
    setPassword("");
    setError(r.error.code === "INVALID_CREDENTIALS" || r.error.code === "VALIDATION_FAILED" ? t.signIn.failed
      : r.error.code === "ACCOUNT_LOCKED" ? t.signIn.locked
      : errorText(t.lang, r.error));
  };

  return (
    <div class="narrow">
      <h1 tabIndex={-1}>{t.signIn.title}</h1>
      <p class="lead">{t.signIn.intro}</p>
      {principal.kind === "client" && <p class="note">{t.signIn.clientSession(principal.email)}</p>}
      <form class="panel form" onSubmit={(e) => void submit(e)} noValidate>
        <ErrorNote message={error} id="signin-error" />
        <div class="field">
          <label for="signin-email">{t.signIn.email}</label>
          <input ref={emailRef} id="signin-email" type="email" autocomplete="username" value={email} onInput={(e) => setEmail(e.currentTarget.value)}
            aria-invalid={invalid === "email" ? "true" : undefined} aria-describedby={invalid === "email" ? "signin-error" : undefined} required />
        </div>
        <div class="field">
          <label for="signin-password">{t.signIn.password}</label>
          <input ref={passwordRef} id="signin-password" type="password" autocomplete="current-password" value={password} onInput={(e) => setPassword(e.currentTarget.value)}
            aria-invalid={invalid === "password" ? "true" : undefined} aria-describedby={invalid === "password" ? "signin-error" : undefined} required />
        </div>
        <button type="submit" class="primary" disabled={busy}>{busy ? t.signIn.busy : t.signIn.submit}</button>
      </form>
      <p class="hint"><a href="/portal/">{t.signIn.portal}</a></p>
    </div>
  );
}
