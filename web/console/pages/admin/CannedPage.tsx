/**
 * Canned answers (SLA 4.10 documentation links, SLA 3 out-of-scope answers) that agents insert
 * into replies: admins write, change and delete them here, per language.
 */
import { useRef, useState } from "preact/hooks";
import type { CannedAnswer } from "../../api";
import { useConsole, useTitle } from "../../context";
import { DataTable, type Column } from "../../../shared/DataTable";
import { AdminPage, Field, FormPanel, ListPanel, actionsColumn, invalidIf } from "./AdminPanel";
import { useAction } from "./useAction";
import { useList } from "./useList";

/** shared/api/console.ts CANNED_CATEGORIES; not imported, since that module brings zod into the page. */
const CANNED_CATEGORIES = ["docs", "out-of-scope", "general"] as const;

type Form = { id: number | null; title: string; locale: "en" | "de"; category: string; body: string };

export function CannedPage() {
  const { t, api, lang } = useConsole();
  useTitle(t.admin.pages.canned);
  const blank: Form = { id: null, title: "", locale: lang, category: "docs", body: "" };
  const [form, setForm] = useState<Form>(blank);
  const save = useAction({ inPage: true });
  const row = useAction();
  const titleRef = useRef<HTMLInputElement>(null);
  const { items, load } = useList(() => api.canned(), (d) => d.items, { emptyOnFailure: true });
  const set = (patch: Partial<Form>) => setForm({ ...form, ...patch });
  const categories = t.compose.categories;

  const submit = async () => {
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
  const columns: Column<CannedAnswer>[] = [
    { head: t.canned.title, cell: (c) => c.title },
    { head: t.canned.language, cell: (c) => t.canned.languages[c.locale] },
    { head: t.canned.category, cell: (c) => categories[c.category] ?? c.category },
    actionsColumn(t.admin.actions, (c) => (
      <div class="buttons">
        <button type="button" onClick={() => edit(c)}>{t.canned.edit}<span class="visually-hidden"> {c.title}</span></button>
        <button type="button" disabled={row.busy} onClick={() => void drop(c)}>{t.canned.delete}<span class="visually-hidden"> {c.title}</span></button>
      </div>
    )),
  ];

  return (
    <AdminPage title={t.admin.pages.canned} intro={t.canned.intro}>
      <ListPanel id="canned-list" title={t.canned.list} items={items} error={row.error} empty={t.canned.none}>
        {(rows) => <DataTable caption={t.canned.list} columns={columns} rows={rows} rowKey={(c) => c.id} />}
      </ListPanel>
      <FormPanel id="canned-form" title={form.id === null ? t.canned.add : t.canned.change} action={save} onSubmit={submit}
        submitLabel={form.id === null ? t.canned.submitAdd : t.canned.submitChange}
        buttons={form.id !== null && <button type="button" onClick={() => setForm(blank)}>{t.canned.cancel}</button>}>
        <Field id="canned-title" label={t.canned.title}>
          <input id="canned-title" ref={titleRef} required value={form.title} onInput={(e) => set({ title: e.currentTarget.value })} aria-invalid={invalidIf(save.field === "title")} />
        </Field>
        <Field id="canned-locale" label={t.canned.language}>
          <select id="canned-locale" value={form.locale} onChange={(e) => set({ locale: e.currentTarget.value as "en" | "de" })}>
            <option value="en">{t.canned.languages.en}</option>
            <option value="de">{t.canned.languages.de}</option>
          </select>
        </Field>
        <Field id="canned-category" label={t.canned.category}>
          <select id="canned-category" value={form.category} onChange={(e) => set({ category: e.currentTarget.value })}>
            {CANNED_CATEGORIES.map((c) => <option key={c} value={c}>{categories[c] ?? c}</option>)}
          </select>
        </Field>
        <Field id="canned-body" label={t.canned.body} hint={t.canned.bodyHint}>
          <textarea id="canned-body" rows={8} value={form.body} onInput={(e) => set({ body: e.currentTarget.value })} aria-describedby="canned-body-hint" aria-invalid={invalidIf(save.field === "body")} />
        </Field>
      </FormPanel>
    </AdminPage>
  );
}
