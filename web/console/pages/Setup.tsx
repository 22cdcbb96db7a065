/**
 * The first admin account, made with the one-time link the start banner printed while no admin
 * exists. On success the browser is signed in as that admin.
 */
import { useEffect, useState } from "preact/hooks";
import type { Principal } from "../../../shared/principal";
import type { ConsoleApi } from "../api";
import { errorText, type ConsoleTexts } from "../i18n";
import { paths } from "../routes";
import { ErrorNote } from "../parts/Notes";
import { TextField } from "../parts/TextField";
import { useFieldErrors } from "../parts/useFieldErrors";

const FIELDS = ["email", "password", "repeat"] as const;

export function Setup({ api, t, token, onSignedIn }: { api: ConsoleApi; t: ConsoleTexts; token: string; onSignedIn: (p: Principal) => void }) {
  const [usable, setUsable] = useState<boolean | null>(null);
  const [email, setEmail] = useState("");
  const [name, setName] = useState("");
  const [password, setPassword] = useState("");
  const [repeat, setRepeat] = useState("");
  const [busy, setBusy] = useState(false);
  const { error, refuse, bind, clear, setError, setInvalid } = useFieldErrors(FIELDS, "setup-error");
  useEffect(() => {
    document.title = `${t.setup.title} · ${t.appName}`;
  }, [t]);
  useEffect(() => {
    void api.setupUsable(token).then((r) => setUsable(r.ok ? r.data.usable : false));
  }, [token]);

  const submit = async (e: Event) => {
    e.preventDefault();
    if (!email.trim()) return refuse("email", t.setup.emailMissing);
    if (password.length < 10) return refuse("password", t.setup.tooShort);
    if (password !== repeat) return refuse("repeat", t.setup.mismatch);
    setBusy(true);
    clear();
    const r = await api.setup({ token, email: email.trim(), name: name.trim() || undefined, password });
    setBusy(false);
    if (r.ok) return onSignedIn(r.data.principal);
    if (r.error.code === "LINK_INVALID") return setUsable(false);
    setError(errorText(t.lang, r.error));
    if (r.error.field === "email") setInvalid("email");
  };

  return (
    <div class="narrow">
      <h1 tabIndex={-1}>{t.setup.title}</h1>
      {usable === null && <p role="status">{t.loading}</p>}
      {usable === false && (
        <div class="panel">
          <p class="alert" role="alert">{t.setup.spent}</p>
          <a href={paths.signIn()}>{t.setup.signIn}</a>
        </div>
      )}
      {usable && (
        <>
          <p class="lead">{t.setup.intro}</p>
          <form class="panel form" onSubmit={(e) => void submit(e)} noValidate>
            <ErrorNote message={error} id="setup-error" />
            <TextField id="setup-email" label={t.setup.email} type="email" autocomplete="username" {...bind("email", email, setEmail)} />
            <TextField id="setup-name" label={t.setup.name} autocomplete="name" value={name} onInput={setName} />
            <TextField id="setup-password" label={t.setup.password} type="password" autocomplete="new-password" hint={t.setup.passwordHint} {...bind("password", password, setPassword)} />
            <TextField id="setup-repeat" label={t.setup.repeat} type="password" autocomplete="new-password" {...bind("repeat", repeat, setRepeat)} />
            <button type="submit" class="primary" disabled={busy}>{busy ? t.setup.busy : t.setup.submit}</button>
          </form>
        </>
      )}
    </div>
  );
}
