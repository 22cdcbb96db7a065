/**
 * Asking the client for what is missing (SLA 4.11). The ticket then waits on the client and its
 * clock stops until they answer; the mail lists what was ticked, in the client's language when
 * the ticket says which, else in the agent's.
 */
import { useEffect, useRef, useState } from "preact/hooks";
import { useConsole } from "../context";
import { CONSOLE_TEXTS, errorText, MISSING_ITEMS, type Lang } from "../i18n";
import { ErrorNote } from "./Notes";

export function RequestInfo({ tid, clientLang, disabled, focusN, onDone }: { tid: string; clientLang: Lang | null; disabled: boolean; focusN: number; onDone: (message: string) => void }) {
  const { t, api, lang } = useConsole();
  const [body, setBody] = useState("");
  const [missing, setMissing] = useState<Set<string>>(new Set());
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const box = useRef<HTMLTextAreaElement>(null);
  const details = useRef<HTMLDetailsElement>(null);

  useEffect(() => {
    if (focusN === 0) return;
    if (details.current) details.current.open = true;
    box.current?.focus();
    box.current?.scrollIntoView?.({ block: "center" });
  }, [focusN]);

  const toggle = (id: string, on: boolean) => {
    const next = new Set(missing);
    if (on) next.add(id);
    else next.delete(id);
    setMissing(next);
  };

  const submit = async (e: Event) => {
    e.preventDefault();
    if (!body.trim() && missing.size === 0) {
      setError(t.requestInfo.empty);
      box.current?.focus();
      return;
    }
    setBusy(true);
    setError(null);
    const words = CONSOLE_TEXTS[clientLang ?? lang].requestInfo.items;
    const r = await api.requestInfo(tid, body.trim() || t.requestInfo.defaultBody, MISSING_ITEMS.filter((m) => missing.has(m)).map((m) => words[m]));
    setBusy(false);
    if (!r.ok) return setError(errorText(lang, r.error));
    setBody("");
    setMissing(new Set());
    onDone(t.requestInfo.done);
  };

  return (
    <details class="action" ref={details}>
      <summary>{t.requestInfo.title} <kbd aria-hidden="true">i</kbd></summary>
      <form onSubmit={(e) => void submit(e)} noValidate>
        <p class="hint">{t.requestInfo.intro}</p>
        <fieldset>
          <legend>{t.requestInfo.missing}</legend>
          <div class="checks">
            {MISSING_ITEMS.map((m) => (
              <label key={m}>
                <input type="checkbox" checked={missing.has(m)} onChange={(e) => toggle(m, e.currentTarget.checked)} />
                {t.requestInfo.items[m]}
              </label>
            ))}
          </div>
        </fieldset>
        <div class="field">
          <label for="ri-body">{t.requestInfo.message}</label>
          <textarea ref={box} id="ri-body" rows={4} value={body} onInput={(e) => setBody(e.currentTarget.value)} onKeyDown={(e) => e.key === "Escape" && e.currentTarget.blur()} />
        </div>
        <ErrorNote message={error} />
        <button type="submit" disabled={busy || disabled}>{busy ? t.requestInfo.busy : t.requestInfo.submit}</button>
        {disabled && <p class="hint">{t.requestInfo.notNow}</p>}
      </form>
    </details>
  );
}
