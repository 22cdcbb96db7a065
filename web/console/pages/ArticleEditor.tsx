/**
 * One article in the console (issue 16): Markdown on the left with a live preview rendered by the
 * server (the same renderer and sanitiser as the help center, so what the editor sees is what a
 * reader gets), the article's facts, save, and the revisions with who saved them. Editors and
 * admins write; every other staff member reads the same page with the form shut.
 */
import type { ComponentChildren } from "preact";
import { useEffect, useRef, useState } from "preact/hooks";
import { KB_VISIBILITIES, kbArticlePath, type KbVisibility } from "../../../shared/kb";
import { slugify } from "../../../shared/kb-slug";
import { EDITIONS } from "../../../shared/limits";
import { LOCALES } from "../../../shared/locale";
import { writesArticles } from "../../../shared/roles";
import { linkHandler, navigate } from "../../shared/router";
import { formatWhen } from "../clock";
import { useConsole, useTitle } from "../context";
import { errorText } from "../i18n";
import type { KbArticleDetail, KbArticleWrite } from "../kb-api";
import { ErrorNote, StatusNote } from "../parts/Notes";
import { SafeHtml } from "../parts/SafeHtml";
import { paths } from "../routes";

/** The form as typed: lists are comma-separated text until saved. */
interface Form {
  title: string; slug: string; locale: string; category: string; tags: string; editions: string[]; versions: string;
  visibility: KbVisibility; translationKey: string; body: string; publishAt: string | null;
}
type Field = keyof Form;

const blank = (locale: string): Form => ({ title: "", slug: "", locale, category: "", tags: "", editions: [], versions: "", visibility: "draft", translationKey: "", body: "", publishAt: null });
const formOf = (a: KbArticleDetail): Form => ({
  title: a.title, slug: a.slug, locale: a.locale, category: a.category ?? "", tags: a.tags.join(", "), editions: [...a.editions], versions: a.versions.join(", "),
  visibility: a.visibility, translationKey: a.translationKey ?? "", body: a.body, publishAt: a.publishAt,
});
const list = (s: string) => s.split(",").map((x) => x.trim()).filter(Boolean);
const inputOf = (f: Form, baseRevision?: number): KbArticleWrite => ({
  title: f.title, slug: f.slug, locale: f.locale as KbArticleWrite["locale"], category: f.category.trim() || null, tags: list(f.tags),
  editions: f.editions as KbArticleWrite["editions"], versions: list(f.versions), visibility: f.visibility, translationKey: f.translationKey.trim() || null,
  body: f.body, publishAt: f.publishAt, ...(baseRevision ? { baseRevision } : {}),
});

/** How long typing pauses before the preview is asked for. */
const PREVIEW_DELAY_MS = 300;

export function ArticleEditor({ id }: { id: number | "new" }) {
  const { t, api, lang, locale, me, announce } = useConsole();
  const k = t.kb;
  const e = k.editor;
  const canWrite = writesArticles(me.role);
  const [article, setArticle] = useState<KbArticleDetail | null>(null);
  const [form, setForm] = useState<Form | null>(id === "new" ? blank(lang) : null);
  const [missing, setMissing] = useState(false);
  const [html, setHtml] = useState("");
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const [invalid, setInvalid] = useState<Field | null>(null);
  const [done, setDone] = useState<string | null>(null);
  // A new article's address follows its title until someone types an address of their own.
  const slugTouched = useRef(id !== "new");
  useTitle(form?.title || (id === "new" ? e.newTitle : k.list.title));

  useEffect(() => {
    if (id === "new") return;
    void api.kbArticle(id).then((r) => {
      if (r.ok) {
        setArticle(r.data);
        setForm(formOf(r.data));
        setHtml(r.data.html);
      } else if (r.error.status === 404) setMissing(true);
      else setError(errorText(lang, r.error));
    });
  }, [id]);

  // The live preview: only an editor's typing asks the server; a reader sees the stored rendering.
  const body = form?.body;
  useEffect(() => {
    if (!canWrite || body === undefined) return;
    if (article && body === article.body) return setHtml(article.html);
    const timer = setTimeout(() => void api.previewKbArticle(body).then((r) => r.ok && setHtml(r.data.html)), PREVIEW_DELAY_MS);
    return () => clearTimeout(timer);
  }, [body]);

  if (missing) return <><Back /><h1 tabIndex={-1}>{k.list.title}</h1><p class="alert" role="alert">{e.notFound}</p></>;
  if (!form) return <><Back /><h1 tabIndex={-1}>{k.list.title}</h1><ErrorNote message={error} />{!error && <p role="status">…</p>}</>;

  const set = <F extends Field>(field: F, value: Form[F]) => {
    setForm((f) => {
      if (!f) return f;
      const next = { ...f, [field]: value };
      if (field === "title" && !slugTouched.current) next.slug = slugify(String(value));
      return next;
    });
    if (field === "slug") slugTouched.current = true;
    if (invalid === field) {
      setInvalid(null);
      setError(null);
    }
  };
  const text = (field: Field) => (ev: Event) => set(field, (ev.currentTarget as HTMLInputElement).value as never);

  const url = kbArticlePath(form.locale, form.slug || "…");
  const labels: Partial<Record<Field, string>> = {
    title: e.title, slug: e.slug, locale: e.locale, category: e.category, tags: e.tags, editions: e.editions, versions: e.versions,
    visibility: e.visibility, translationKey: e.translationKey, body: e.body,
  };
  const save = async (ev: Event) => {
    ev.preventDefault();
    setBusy(true);
    setDone(null);
    setError(null);
    setInvalid(null);
    const r = id === "new" ? await api.createKbArticle(inputOf(form)) : await api.updateKbArticle(id, inputOf(form, article?.revision));
    setBusy(false);
    if (!r.ok) {
      const field = (r.error.field?.split(".")[0] ?? null) as Field | null;
      const label = field ? labels[field] ?? null : null;
      setInvalid(field);
      setError(label ? `${errorText(lang, r.error)} (${label}${r.error.message ? `: ${r.error.message}` : ""})` : r.error.message || errorText(lang, r.error));
      return;
    }
    if (id === "new") {
      announce(e.created);
      navigate(paths.article(r.data.id), { replace: true });
      return;
    }
    const msg = r.data.revision === article?.revision ? e.unchanged : e.saved(r.data.revision);
    setArticle(r.data);
    setForm(formOf(r.data));
    setDone(msg);
    announce(msg);
  };

  const bad = (f: Field) => (invalid === f ? "true" : undefined);
  const field = (f: Field, label: string, hint?: string, type = "text") => (
    <div class="field">
      <label for={`kb-${f}`}>{label}</label>
      <input id={`kb-${f}`} type={type} value={String(form[f] ?? "")} onInput={text(f)} aria-invalid={bad(f)} aria-describedby={hint ? `kb-${f}-hint` : undefined} />
      {hint && <p class="hint" id={`kb-${f}-hint`}>{hint}</p>}
    </div>
  );

  return (
    <>
      <Back />
      <div class="page-head">
        <h1 tabIndex={-1}>{form.title || e.newTitle}</h1>
        {article && <span class={`badge kb-${article.visibility}`}>{k.visibilities[article.visibility]}</span>}
      </div>
      {!canWrite && <p class="note">{e.readOnly}</p>}
      <form class="kb-editor" onSubmit={(ev) => void save(ev)} noValidate>
        <fieldset disabled={!canWrite || busy} class="kb-editor-grid">
          <div class="kb-write">
            {field("title", e.title)}
            <div class="field">
              <label for="kb-body">{e.body}</label>
              <textarea id="kb-body" rows={18} value={form.body} onInput={text("body")} aria-invalid={bad("body")} spellcheck />
            </div>
          </div>
          <section class="kb-preview panel" aria-labelledby="kb-preview-title">
            <h2 id="kb-preview-title">{e.preview}</h2>
            {/* Sanitised by the server (domain/kb/markdown.ts), the same HTML the help center serves. */}
            {html ? <SafeHtml class="kb-article" html={html} /> : <p class="hint">{e.previewEmpty}</p>}
          </section>
          <Facts form={form} set={set} text={text} field={field} url={url} />
        </fieldset>
        <ErrorNote message={error} />
        {canWrite && (
          <div class="actions">
            <button type="submit" class="primary" disabled={busy}>{busy ? e.saving : e.save}</button>
            {article?.visibility === "public" && <a href={article.url} target="_blank" rel="noopener">{e.open}</a>}
          </div>
        )}
        <StatusNote message={done} />
      </form>
      {article && (
        <section class="panel kb-revisions" aria-labelledby="kb-revisions-title">
          <h2 id="kb-revisions-title">{e.revisions}</h2>
          <ol reversed>
            {article.revisions.map((r) => (
              <li key={r.revision}>
                <strong>{e.revision(r.revision)}</strong> · <time dateTime={r.createdAt}>{formatWhen(r.createdAt, locale)}</time> · {e.by} {r.author.replace(/^staff:/, "")}
              </li>
            ))}
          </ol>
        </section>
      )}
    </>
  );
}

/** The article's facts beside the text: address, language, visibility, where it applies, its translation. */
function Facts({ form, set, text, field, url }: {
  form: Form;
  set: <F extends Field>(field: F, value: Form[F]) => void;
  text: (field: Field) => (ev: Event) => void;
  field: (f: Field, label: string, hint?: string) => ComponentChildren;
  url: string;
}) {
  const { t } = useConsole();
  const k = t.kb;
  const e = k.editor;
  return (
    <div class="kb-facts panel">
      {field("slug", e.slug, e.slugHint(url))}
      <div class="field">
        <label for="kb-locale">{e.locale}</label>
        <select id="kb-locale" value={form.locale} onChange={text("locale")}>
          {LOCALES.map((l) => <option key={l} value={l}>{k.locales[l] ?? l}</option>)}
        </select>
      </div>
      <div class="field">
        <label for="kb-visibility">{e.visibility}</label>
        <select id="kb-visibility" value={form.visibility} onChange={text("visibility")}>
          {KB_VISIBILITIES.map((v) => <option key={v} value={v}>{k.visibilities[v]}</option>)}
        </select>
      </div>
      <div class="field">
        <label for="kb-publish-at">{e.publishAt}</label>
        <input id="kb-publish-at" type="datetime-local" value={localInput(form.publishAt)} aria-describedby="kb-publish-at-hint"
          onInput={(ev) => set("publishAt", fromLocalInput(ev.currentTarget.value))} />
        <p class="hint" id="kb-publish-at-hint">{e.publishAtHint}</p>
      </div>
      {field("category", e.category, e.categoryHint)}
      {field("tags", e.tags, e.tagsHint)}
      <fieldset class="field kb-editions" aria-describedby="kb-editions-hint">
        <legend>{e.editions}</legend>
        {EDITIONS.map((ed) => (
          <label key={ed} class="check">
            <input type="checkbox" checked={form.editions.includes(ed)}
              onChange={(ev) => set("editions", ev.currentTarget.checked ? [...form.editions, ed] : form.editions.filter((x) => x !== ed))} />
            {e.editionNames[ed] ?? ed}
          </label>
        ))}
        <p class="hint" id="kb-editions-hint">{e.editionsHint}</p>
      </fieldset>
      {field("versions", e.versions, e.versionsHint)}
      {field("translationKey", e.translationKey, e.translationKeyHint)}
    </div>
  );
}

/** An instant as the value of a datetime-local input, in the browser's own time zone ("" for none). */
function localInput(iso: string | null): string {
  if (!iso) return "";
  const d = new Date(iso);
  const two = (n: number) => String(n).padStart(2, "0");
  return `${d.getFullYear()}-${two(d.getMonth() + 1)}-${two(d.getDate())}T${two(d.getHours())}:${two(d.getMinutes())}`;
}

/** A datetime-local value (the browser's time zone) as an instant; empty or unreadable is none. */
function fromLocalInput(value: string): string | null {
  const d = new Date(value);
  return value && !Number.isNaN(d.getTime()) ? d.toISOString() : null;
}

function Back() {
  const { t } = useConsole();
  return <p class="crumbs"><a href={paths.articles()} onClick={linkHandler(paths.articles())}><span aria-hidden="true">← </span>{t.kb.editor.back}</a></p>;
}
