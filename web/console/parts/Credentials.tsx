/**
 * Server logins the client handed over (SLA 4.3). Only labels are listed; a secret is fetched
 * when asked for (each reveal is an event in the history), shown, and dropped from memory again
 * on "Hide" or after two minutes.
 */
import { useEffect, useRef, useState } from "preact/hooks";
import type { CredentialListed, RevealedCredential } from "../api";
import { formatWhen } from "../clock";
import { useConsole } from "../context";
import { actorText } from "../format";
import { errorText } from "../i18n";
import { ErrorNote } from "./Notes";

const SHOW_MS = 120_000;

export function Credentials({ tid, items, onRevealed }: { tid: string; items: CredentialListed[] | null; onRevealed: () => void }) {
  const { t } = useConsole();
  if (!items || items.length === 0) {
    return (
      <section class="panel credentials" aria-labelledby="cred-title">
        <h2 id="cred-title">{t.credentials.title}</h2>
        <p class="muted">{items ? t.credentials.none : t.loading}</p>
      </section>
    );
  }
  return (
    <section class="panel credentials" aria-labelledby="cred-title">
      <h2 id="cred-title">{t.credentials.title}</h2>
      <p class="hint">{t.credentials.intro}</p>
      <ul>
        {items.map((c) => <li key={c.id}><Credential tid={tid} c={c} onRevealed={onRevealed} /></li>)}
      </ul>
    </section>
  );
}

function Credential({ tid, c, onRevealed }: { tid: string; c: CredentialListed; onRevealed: () => void }) {
  const { t, api, lang, locale, announce } = useConsole();
  const [shown, setShown] = useState<RevealedCredential | null>(null);
  const [error, setError] = useState<string | null>(null);
  const box = useRef<HTMLDivElement>(null);
  const button = useRef<HTMLButtonElement>(null);

  useEffect(() => {
    if (!shown) return;
    box.current?.focus();
    const timer = setTimeout(() => hide(false), SHOW_MS);
    return () => clearTimeout(timer);
  }, [shown]);

  const reveal = async () => {
    setError(null);
    const r = await api.reveal(tid, c.id);
    if (!r.ok) return setError(errorText(lang, r.error));
    setShown(r.data);
    announce(t.credentials.revealed(c.label));
    onRevealed();
  };
  const hide = (focus = true) => {
    setShown(null);
    if (focus) requestAnimationFrame(() => button.current?.focus());
  };

  const kinds = t.credentials.kinds;
  return (
    <div class="credential">
      <p>
        <strong>{c.label}</strong> <span class="hint">({kinds[c.kind] ?? c.kind}; {t.credentials.from(actorText(t, c.createdBy), formatWhen(c.createdAt, locale))})</span>
      </p>
      {!shown && <button ref={button} type="button" onClick={() => void reveal()}>{t.credentials.reveal(c.label)}</button>}
      {shown && (
        <>
          <div ref={box} class="secret" role="group" tabIndex={-1} aria-label={t.credentials.shownLabel(c.label)}>
          <dl>
            {shown.host && <div><dt>{t.credentials.host}</dt><dd><code>{shown.host}</code></dd></div>}
            {shown.username && <div><dt>{t.credentials.username}</dt><dd><code>{shown.username}</code></dd></div>}
            {shown.secret && <div><dt>{t.credentials.secret}</dt><dd><code>{shown.secret}</code></dd></div>}
            {shown.notes && <div><dt>{t.credentials.notes}</dt><dd>{shown.notes}</dd></div>}
          </dl>
          </div>
          <button type="button" onClick={() => hide()}>{t.credentials.hide}</button>
        </>
      )}
      <ErrorNote message={error} />
    </div>
  );
}
