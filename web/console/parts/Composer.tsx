/**
 * Answering: a reply the client receives by mail, or an internal note only staff see. Canned
 * answers (documentation links, SLA 4.10; out-of-scope answers, SLA 3) are inserted at the cursor
 * and can be edited before sending. The mode is always said in words on the send button, so
 * nobody mails a note to a client by mistake. Help center articles are linked from a search
 * (ArticleLinkPicker), and a canned answer may name them as `{{article:slug}}` (article-links.ts).
 */
import { useEffect, useRef, useState } from "preact/hooks";
import type { CannedAnswer } from "../api";
import { useConsole } from "../context";
import { errorText } from "../i18n";
import { ErrorNote, StatusNote } from "./Notes";
import { ArticleLinkPicker } from "./ArticleLinkPicker";
import { expandArticleRefs, hasArticleRef } from "./article-links";

export type ComposeMode = "public" | "internal";

/** The placeholder in canned answers for the address of the documentation page. */
const LINK = "{{link}}";

/** `locale`: the client's language, which article links are searched in first. */
export function Composer({ tid, closed, request, onDone, locale }: { tid: string; closed: boolean; request: { mode: ComposeMode; n: number }; onDone: (message: string) => void; locale?: string }) {
  const { t, api, lang, announce } = useConsole();
  const [mode, setMode] = useState<ComposeMode>(request.mode);
  const [body, setBody] = useState("");
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const [done, setDone] = useState<string | null>(null);
  const [canned, setCanned] = useState<CannedAnswer[] | null>(null);
  const [pick, setPick] = useState("");
  const box = useRef<HTMLTextAreaElement>(null);

  useEffect(() => {
    if (request.n === 0) return;
    setMode(request.mode);
    box.current?.focus();
    box.current?.scrollIntoView?.({ block: "center" });
  }, [request.n]);

  useEffect(() => {
    void api.canned(lang).then((r) => setCanned(r.ok ? r.data.items : []));
  }, [lang]);

  /** Puts `text` at the cursor on a paragraph of its own and selects `select` (offsets in `text`), or puts the cursor after it. */
  const place = (text: string, select?: [number, number]) => {
    const el = box.current;
    if (!el) return;
    const start = el.selectionStart ?? body.length;
    const end = el.selectionEnd ?? body.length;
    const before = body.slice(0, start);
    const sep = before && !before.endsWith("\n") ? "\n\n" : "";
    setBody(`${before}${sep}${text}${body.slice(end)}`);
    const start0 = before.length + sep.length;
    const [from, to] = select ? [start0 + select[0], start0 + select[1]] : [start0 + text.length, start0 + text.length];
    requestAnimationFrame(() => {
      el.focus();
      el.setSelectionRange(from, to);
    });
  };

  const insert = async () => {
    const a = canned?.find((c) => String(c.id) === pick);
    if (!a || !box.current) return;
    // `{{article:slug}}` becomes that public article's link, in the answer's language.
    const { text, missing } = await expandArticleRefs(a.body, async (slug) => {
      const r = await api.kbArticles({ slug, locale: a.locale, visibility: "public" });
      return r.ok ? r.data.items[0] ?? null : null;
    });
    setError(missing.length ? missing.map((m) => t.kb.link.missing(m)).join(" ") : null);
    // `{{link}}` marks where the documentation address goes: select it, so typing or pasting replaces it.
    const link = text.indexOf(LINK);
    place(text, link >= 0 ? [link, link + LINK.length] : undefined);
    if (link >= 0) announce(t.compose.linkHint);
  };

  const submit = async (e: Event) => {
    e.preventDefault();
    setDone(null);
    if (!body.trim()) {
      setError(t.compose.empty);
      box.current?.focus();
      return;
    }
    const link = body.indexOf(LINK);
    if (link >= 0) {
      setError(t.compose.linkLeft);
      box.current?.focus();
      box.current?.setSelectionRange(link, link + LINK.length);
      return;
    }
    if (hasArticleRef(body)) {
      setError(t.kb.link.left);
      box.current?.focus();
      return;
    }
    setBusy(true);
    setError(null);
    const r = await api.reply(tid, body, mode);
    setBusy(false);
    if (!r.ok) return setError(errorText(lang, r.error));
    setBody("");
    const msg = mode === "public" ? t.compose.sent(r.data.mailed ?? 0) : t.compose.noted;
    setDone(msg);
    onDone(msg);
  };

  const groups = new Map<string, CannedAnswer[]>();
  for (const c of canned ?? []) groups.set(c.category, [...(groups.get(c.category) ?? []), c]);

  return (
    <section class="panel composer" aria-labelledby="compose-title">
      <h2 id="compose-title">{t.compose.title}</h2>
      {closed && <p class="note">{t.compose.closedNote}</p>}
      <form onSubmit={(e) => void submit(e)} noValidate>
        <fieldset class="modes">
          <legend class="visually-hidden">{t.compose.kind}</legend>
          <label class={mode === "public" ? "on" : undefined}>
            <input type="radio" name="compose-mode" value="public" checked={mode === "public"} onChange={() => setMode("public")} />
            {t.compose.reply} <kbd aria-hidden="true">r</kbd>
          </label>
          <label class={mode === "internal" ? "on" : undefined}>
            <input type="radio" name="compose-mode" value="internal" checked={mode === "internal"} onChange={() => setMode("internal")} />
            {t.compose.note} <kbd aria-hidden="true">n</kbd>
          </label>
        </fieldset>
        {canned && canned.length > 0 && (
          <div class="field inline canned">
            <label for="canned-pick">{t.compose.canned}</label>
            <select id="canned-pick" value={pick} onChange={(e) => setPick(e.currentTarget.value)}>
              <option value="">{t.compose.cannedPick}</option>
              {[...groups].map(([cat, list]) => (
                <optgroup key={cat} label={t.compose.categories[cat] ?? cat}>
                  {list.map((c) => <option key={c.id} value={String(c.id)}>{c.title}</option>)}
                </optgroup>
              ))}
            </select>
            <button type="button" onClick={() => void insert()} disabled={!pick}>{t.compose.insert}</button>
          </div>
        )}
        <ArticleLinkPicker locale={locale ?? lang} onInsert={(text, title) => {
          place(text);
          announce(t.kb.link.inserted(title));
        }} />
        <div class="field">
          <label for="compose-body">{mode === "public" ? t.compose.replyLabel : t.compose.noteLabel}</label>
          <textarea ref={box} id="compose-body" rows={7} value={body} class={mode === "internal" ? "internal" : undefined}
            onInput={(e) => setBody(e.currentTarget.value)} onKeyDown={(e) => e.key === "Escape" && e.currentTarget.blur()}
            aria-describedby="compose-hint" />
          <p class="hint" id="compose-hint">{mode === "public" ? t.compose.replyHint : t.compose.noteHint}</p>
        </div>
        <ErrorNote message={error} />
        <div class="actions">
          <button type="submit" class={mode === "public" ? "primary" : "note-button"} disabled={busy}>
            {busy ? t.compose.busy : mode === "public" ? t.compose.sendReply : t.compose.saveNote}
          </button>
        </div>
        <StatusNote message={done} />
      </form>
    </section>
  );
}
