/**
 * Canned answers (SLA 4.10 documentation links, SLA 3 out-of-scope answers) that agents insert
 * into replies: admins write, change and delete them here, per language.
 */
import { useEffect, useRef, useState } from "preact/hooks";
import type { CannedAnswer } from "../../api";
import { useConsole, useTitle } from "../../context";
import { ErrorNote } from "../../parts/Notes";
import { useAction } from "./useAction";

/** shared/api/console.ts CANNED_CATEGORIES; not imported, since that module brings zod into the page. */
const CANNED_CATEGORIES = ["docs", "out-of-scope", "general"] as const;

type Form = { id: number | null; title: string; locale: "en" | "de"; category: string; body: string };

export function CannedPage() {
  const { t, api, lang } = useConsole();
  useTitle(t.admin.pages.canned);
  const blank: Form = { id: null, title: "", locale: lang, category: "docs", body: "" };
  const [items, setItems] = useState<CannedAnswer[] | null>(null);
  const [form, setForm] = useState<Form>(blank);
  const save = useAction({ inPage: true });
  const row = useAction();
  const titleRef = useRef<HTMLInputElement>(null);
  const load = async () => {
    const r = await api.canned();
    setItems(r.ok ? r.data.items : []);
  };
  useEffect(() => void load(), []);
  const set = (patch: Partial<Form>) => setForm({ ...form, ...patch });
  const categories = t.compose.categories;

  const submit = async (e: Event) => {
    e.preventDefault();
    const input = { title: form.title.trim(), locale: form.locale, category: form.category as (typeof CANNED_CATEGORIES)[number], body: form.body };
    const ok = await save.run(() => (form.id === null ? api.addCanned(input) : api.updateCanned(form.id, input)), (d) => t.canned.saved(d.title));
    if (ok) {
      setForm(blank);
      void load();
    }
  };
  const edit = (c: CannedAnswer) => {
    setForm({ id: c.id, title: c.title, locale: c.locale, category: c.category, body: c.body });
    titleRef.current?.focus();
  };
  const drop = async (c: CannedAnswer) => {
    if (await row.run(() => api.deleteCanned(c.id), () => t.canned.deleted(c.title))) void load();
  };

  return (
    <>
      <h1 tabIndex={-1}>{t.admin.pages.canned}</h1>
      <p class="lead">{t.canned.intro}</p>
      <div class="admin-grid">
        <section class="panel" aria-labelledby="canned-list">
          <h2 id="canned-list">{t.canned.list}</h2>
          <ErrorNote message={row.error} />
          {!items && <p role="status">{t.loading}</p>}
          {items && items.length === 0 && <p class="muted">{t.canned.none}</p>}
          {items && items.length > 0 && (
            <div class="table-wrap">
              <table>
                <caption class="visually-hidden">{t.canned.list}</caption>
                <thead><tr><th scope="col">{t.canned.title}</th><th scope="col">{t.canned.language}</th><th scope="col">{t.canned.category}</th><th scope="col"><span class="visually-hidden">{t.admin.actions}</span></th></tr></thead>
                <tbody>
                  {items.map((c) => (
                    <tr key={c.id}>
                      <th scope="row">{c.title}</th>
                      <td>{t.canned.languages[c.locale]}</td>
                      <td>{categories[c.category] ?? c.category}</td>
                      <td>
                        <div class="buttons">
                          <button type="button" onClick={() => edit(c)}>{t.canned.edit}<span class="visually-hidden"> {c.title}</span></button>
                          <button type="button" disabled={row.busy} onClick={() => void drop(c)}>{t.canned.delete}<span class="visually-hidden"> {c.title}</span></button>
                        </div>
                      </td>
                    </tr>
                  ))}
                </tbody>
              </table>
            </div>
          )}
        </section>
        <section class="panel" aria-labelledby="canned-form">
          <h2 id="canned-form">{form.id === null ? t.canned.add : t.canned.change}</h2>
          <form class="form" onSubmit={(e) => void submit(e)} noValidate>
            <div class="field"><label for="canned-title">{t.canned.title}</label><input id="canned-title" ref={titleRef} required value={form.title} onInput={(e) => set({ title: e.currentTarget.value })} aria-invalid={save.field === "title" ? "true" : undefined} /></div>
            <div class="field">
              <label for="canned-locale">{t.canned.language}</label>
              <select id="canned-locale" value={form.locale} onChange={(e) => set({ locale: e.currentTarget.value as "en" | "de" })}>
                <option value="en">{t.canned.languages.en}</option>
                <option value="de">{t.canned.languages.de}</option>
              </select>
            </div>
            <div class="field">
              <label for="canned-category">{t.canned.category}</label>
              <select id="canned-category" value={form.category} onChange={(e) => set({ category: e.currentTarget.value })}>
                {CANNED_CATEGORIES.map((c) => <option key={c} value={c}>{categories[c] ?? c}</option>)}
              </select>
            </div>
            <div class="field">
              <label for="canned-body">{t.canned.body}</label>
              <textarea id="canned-body" rows={8} value={form.body} onInput={(e) => set({ body: e.currentTarget.value })} aria-describedby="canned-body-hint" aria-invalid={save.field === "body" ? "true" : undefined} />
              <p class="hint" id="canned-body-hint">{t.canned.bodyHint}</p>
            </div>
            <ErrorNote message={save.error} />
            <div class="buttons">
              <button type="submit" class="primary" disabled={save.busy}>{form.id === null ? t.canned.submitAdd : t.canned.submitChange}</button>
              {form.id !== null && <button type="button" onClick={() => setForm(blank)}>{t.canned.cancel}</button>}
            </div>
            <p role="status" class="ok">{save.done ?? ""}</p>
          </form>
        </section>
      </div>
    </>
  );
}
