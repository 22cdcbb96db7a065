/**
 * Find by TID (SLA 4.13). The check digit is verified here first (shared/tid.ts), so an obvious
 * typo needs no round trip to be noticed; the server then names the client's own tickets that the
 * number was probably meant to be (one digit off, or two neighbours swapped).
 */
import { Fragment } from "preact";
import { useState } from "preact/hooks";
import { Field } from "../../../ui/Field";
import { formatTid, TID_DIGITS, TID_MAX_LENGTH, TID_MIN_LENGTH } from "../../../shared/tid";
import { errorText } from "../../shared/i18n";
import { linkHandler, navigate, paths } from "../../shared/router";
import { usePortal } from "../context";

type Outcome =
  | { kind: "typo"; typed: string; suggestions: string[] }
  | { kind: "invalid" }
  | { kind: "notFound"; tid: string }
  | { kind: "error"; message: string };

/** The TIDs the server suggested, read from its message ("Did you mean TID#… or TID#…?"). */
export function suggestionsFrom(message: string, typed: string): string[] {
  const after = message.split(/Did you mean/i)[1];
  if (!after) return [];
  return [...after.matchAll(new RegExp(`TID#(${TID_DIGITS})`, "g"))].map((m) => m[1]!).filter((tid) => tid !== typed);
}

export const digitsOf = (input: string) => {
  const m = /^\s*\[?\s*(?:tid\s*#?\s*)?([0-9]{1,40})\s*\]?\s*$/i.exec(input);
  return m ? m[1]! : null;
};

export function FindByTid() {
  const { t, api, lang, announce } = usePortal();
  const [value, setValue] = useState("");
  const [busy, setBusy] = useState(false);
  const [outcome, setOutcome] = useState<Outcome | null>(null);
  const [emptyError, setEmptyError] = useState<string | undefined>();

  const submit = async (e: Event) => {
    e.preventDefault();
    if (!value.trim()) {
      setEmptyError(t.find.empty);
      return;
    }
    setEmptyError(undefined);
    setBusy(true);
    setOutcome(null);
    const r = await api.find(value.trim());
    setBusy(false);
    if (r.ok) {
      announce(t.find.found(formatTid(r.data.tid)));
      navigate(paths.ticket(r.data.tid));
      return;
    }
    const digits = digitsOf(value) ?? "";
    if (r.error.code === "TID_INVALID") {
      const looksLikeTid = digits.length >= TID_MIN_LENGTH && digits.length <= TID_MAX_LENGTH;
      setOutcome(looksLikeTid ? { kind: "typo", typed: formatTid(digits), suggestions: suggestionsFrom(r.error.message, digits) } : { kind: "invalid" });
    } else if (r.error.code === "NOT_FOUND") {
      setOutcome({ kind: "notFound", tid: formatTid(digits) });
    } else {
      setOutcome({ kind: "error", message: errorText(lang, r.error) });
    }
  };

  return (
    <section class="panel find" aria-labelledby="find-title">
      <h2 id="find-title">{t.find.title}</h2>
      <form noValidate onSubmit={(e) => void submit(e)} class="inline-form">
        <Field id="find-tid" label={t.find.label} hint={t.find.hint} error={emptyError}>
          {(a) => <input {...a} type="text" name="tid" inputMode="numeric" autoComplete="off" spellcheck={false} value={value} onInput={(e) => setValue(e.currentTarget.value)} />}
        </Field>
        <button type="submit" disabled={busy}>{busy ? t.find.busy : t.find.submit}</button>
      </form>
      <div class="find-result" role="status" aria-live="polite">
        {outcome?.kind === "typo" && (
          <div class="alert soft">
            <p>{t.find.typo(outcome.typed)}</p>
            {outcome.suggestions.length > 0 && (
              <p>
                {t.find.didYouMean}{" "}
                {outcome.suggestions.map((s, i) => (
                  <Fragment key={s}>
                    {i > 0 && ", "}
                    <a href={paths.ticket(s)} onClick={linkHandler(paths.ticket(s))}>{formatTid(s)}</a>
                  </Fragment>
                ))}
              </p>
            )}
          </div>
        )}
        {outcome?.kind === "invalid" && <p class="alert soft">{t.find.invalid}</p>}
        {outcome?.kind === "notFound" && <p class="alert soft">{t.find.notFound(outcome.tid)}</p>}
        {outcome?.kind === "error" && <p class="alert soft">{outcome.message}</p>}
      </div>
    </section>
  );
}
