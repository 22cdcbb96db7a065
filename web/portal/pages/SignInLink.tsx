/**
 * Where the mailed link lands. Opening it (a GET, which mail scanners do) changes nothing: only
 * pressing "Sign in" spends the token. A used or expired link gets a page that says so and offers
 * a new one.
 */
import { useState } from "preact/hooks";
import { errorText } from "../../shared/i18n";
import { navigate, paths } from "../../shared/router";
import { usePortal, useTitle } from "../context";
import { ErrorNote } from "../parts/Status";
import { LinkRequestForm } from "./SignIn";

export function SignInLink({ token }: { token: string }) {
  const { t, api, lang, setPrincipal } = usePortal();
  const [busy, setBusy] = useState(false);
  const [refused, setRefused] = useState(false);
  const [error, setError] = useState<string | null>(null);
  useTitle(refused ? t.link.refusedTitle : t.link.title);

  const signIn = async () => {
    setBusy(true);
    setError(null);
    const r = await api.consumeLink(token);
    setBusy(false);
    if (r.ok) {
      setPrincipal(r.data.principal);
      navigate(r.data.next || paths.tickets(), { replace: true });
      return;
    }
    if (r.error.code === "LINK_INVALID" || r.error.code === "VALIDATION_FAILED") {
      setRefused(true);
      // The heading changes in place: move the focus to it, as on a new page.
      setTimeout(() => document.querySelector<HTMLElement>("main h1")?.focus());
      return;
    }
    setError(errorText(lang, r.error));
  };

  if (refused) {
    return (
      <div class="narrow">
        <h1 tabIndex={-1}>{t.link.refusedTitle}</h1>
        <div class="panel warn">
          <p><strong>{t.link.refused}</strong></p>
          <p>{t.link.refusedWhy}</p>
        </div>
        <h2>{t.link.askNew}</h2>
        <LinkRequestForm next={null} submitLabel={t.link.askNew} />
      </div>
    );
  }
  return (
    <div class="narrow">
      <h1 tabIndex={-1}>{t.link.title}</h1>
      <div class="panel">
        <p>{t.link.intro}</p>
        <ErrorNote message={error} />
        <button type="button" class="primary big" disabled={busy} onClick={() => void signIn()}>{busy ? t.link.busy : t.link.button}</button>
      </div>
    </div>
  );
}
