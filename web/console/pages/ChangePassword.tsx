/**
 * A staff member replaces their password: by choice, or before anything else when they signed in
 * with one that was given to them (a printed one-time password; the server refuses every other
 * staff request until then).
 */
import { useEffect, useState } from "preact/hooks";
import type { ConsoleApi } from "../api";
import { errorText, type ConsoleTexts } from "../i18n";
import { ErrorNote } from "../parts/Notes";
import { TextField } from "../parts/TextField";
import { useFieldErrors } from "../parts/useFieldErrors";

const FIELDS = ["current", "next", "repeat"] as const;

export function ChangePassword({ api, t, forced, onChanged }: { api: ConsoleApi; t: ConsoleTexts; forced: boolean; onChanged: () => void }) {
  const [current, setCurrent] = useState("");
  const [next, setNext] = useState("");
  const [repeat, setRepeat] = useState("");
  const [busy, setBusy] = useState(false);
  const { error, refuse, bind, clear, setError } = useFieldErrors(FIELDS, "password-error");
  useEffect(() => {
    document.title = `${t.password.title} · ${t.appName}`;
  }, [t]);

  const submit = async (e: Event) => {
    e.preventDefault();
    if (!current) return refuse("current", t.password.wrongCurrent);
    if (next.length < 10) return refuse("next", t.password.tooShort);
    if (next === current) return refuse("next", t.password.same);
    if (next !== repeat) return refuse("repeat", t.password.mismatch);
    setBusy(true);
    clear();
    const r = await api.changePassword(current, next);
    setBusy(false);
    if (r.ok) return onChanged();
    if (r.error.code === "INVALID_CREDENTIALS") return refuse("current", t.password.wrongCurrent);
    setError(errorText(t.lang, r.error));
  };

  return (
    <div class="narrow">
      <h1 tabIndex={-1}>{t.password.title}</h1>
      <p class="lead">{forced ? t.password.forced : t.password.intro}</p>
      <form class="panel form" onSubmit={(e) => void submit(e)} noValidate>
        <ErrorNote message={error} id="password-error" />
        <TextField id="password-current" label={t.password.current} type="password" autocomplete="current-password" {...bind("current", current, setCurrent)} />
        <TextField id="password-next" label={t.password.next} type="password" autocomplete="new-password" hint={t.password.hint} {...bind("next", next, setNext)} />
        <TextField id="password-repeat" label={t.password.repeat} type="password" autocomplete="new-password" {...bind("repeat", repeat, setRepeat)} />
        <button type="submit" class="primary" disabled={busy}>{busy ? t.password.busy : t.password.submit}</button>
      </form>
    </div>
  );
}
