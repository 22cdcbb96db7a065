/**
 * "Insert article link" in the composer (SLA 4.10): search the knowledge base as staff do (the
 * search finds internal articles too, which helps the agent read up), and insert a public one's
 * title and address at the cursor. An internal result says why it cannot be linked instead of
 * offering a link the client could not open.
 */
import { useEffect, useRef, useState } from "preact/hooks";
import { LOCALES } from "../../../shared/locale";
import { useConsole } from "../context";
import { errorText } from "../i18n";
import type { KbSearchHit, KbStaffListQuery } from "../kb-api";
import { absoluteUrl, articleLinkText } from "./article-links";
import { Snippet } from "./SafeHtml";

const SEARCH_DELAY_MS = 250;

export function ArticleLinkPicker({ locale: initialLocale, onInsert }: { locale: string; onInsert: (text: string, title: string) => void }) {
  const { t, api, lang } = useConsole();
  const k = t.kb.link;
  const [open, setOpen] = useState(false);
  const [q, setQ] = useState("");
  const [locale, setLocale] = useState(initialLocale);
  const [hits, setHits] = useState<KbSearchHit[] | null>(null);
  const [internal, setInternal] = useState<Set<string> | null>(null);
  const [error, setError] = useState<string | null>(null);
  const input = useRef<HTMLInputElement>(null);

  useEffect(() => { if (open) input.current?.focus(); }, [open]);

  // The search answers no visibility; the internal articles of the language are few, read once.
  useEffect(() => {
    if (!open) return;
    setInternal(null);
    void api.kbArticles({ locale: locale as KbStaffListQuery["locale"], visibility: "internal" }).then((r) => setInternal(new Set(r.ok ? r.data.items.map((a) => a.slug) : [])));
  }, [open, locale]);

  useEffect(() => {
    if (!open || !q.trim()) return setHits(null);
    const timer = setTimeout(() => void api.kbSearch(q.trim(), locale).then((r) => {
      if (r.ok) {
        setHits(r.data.results);
        setError(null);
      } else setError(errorText(lang, r.error));
    }), SEARCH_DELAY_MS);
    return () => clearTimeout(timer);
  }, [q, locale, open]);

  if (!open) return <button type="button" class="linkish kb-link-open" aria-expanded="false" onClick={() => setOpen(true)}>{k.open}</button>;

  return (
    <div class="kb-link-picker panel" role="group" aria-label={k.open}>
      <div class="kb-link-search">
        <div class="field">
          <label for="kb-link-q">{k.search}</label>
          <input ref={input} id="kb-link-q" type="search" value={q} onInput={(e) => setQ(e.currentTarget.value)}
            onKeyDown={(e) => e.key === "Escape" && setOpen(false)} autocomplete="off" />
        </div>
        <div class="field">
          <label for="kb-link-locale">{k.language}</label>
          <select id="kb-link-locale" value={locale} onChange={(e) => setLocale(e.currentTarget.value)}>
            {LOCALES.map((l) => <option key={l} value={l}>{t.kb.locales[l] ?? l}</option>)}
          </select>
        </div>
        <button type="button" class="linkish" aria-expanded="true" onClick={() => setOpen(false)}>{k.close}</button>
      </div>
      {error && <p class="alert" role="alert">{error}</p>}
      {hits && hits.length === 0 && <p role="status">{k.none}</p>}
      {hits && hits.length > 0 && (
        <ul class="kb-link-results">
          {hits.map((h) => {
            const isInternal = internal?.has(h.slug) ?? false;
            return (
              <li key={h.slug} class={isInternal ? "internal" : undefined}>
                <span class="kb-link-title">{h.title}</span>
                {/* The snippet is escaped text with <mark> around the matched words (services/kb/search.ts). */}
                <Snippet class="hint kb-link-snippet" html={h.snippet} />
                {isInternal
                  ? <span class="kb-link-internal">{k.internal}</span>
                  : <button type="button" disabled={internal === null} onClick={() => onInsert(articleLinkText(h.title, absoluteUrl(h.url)), h.title)}>{k.insert}<span class="visually-hidden">: {h.title}</span></button>}
              </li>
            );
          })}
        </ul>
      )}
    </div>
  );
}
