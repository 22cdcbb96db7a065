/**
 * The knowledge base's articles as staff see them (issue 16): every visibility, filtered by
 * language, visibility, category and words; each opens in the editor. Every staff member reads
 * here; editors and admins also get "New article".
 */
import { useEffect, useState } from "preact/hooks";
import { KB_VISIBILITIES } from "../../../shared/kb";
import { LOCALES } from "../../../shared/locale";
import { writesArticles } from "../../../shared/roles";
import { DataTable, type Column } from "../../shared/DataTable";
import { ListStates } from "../../shared/ListStates";
import { linkHandler } from "../../shared/router";
import { formatWhen } from "../clock";
import { useConsole, useTitle } from "../context";
import { errorText } from "../i18n";
import type { KbArticleListed, KbStaffListQuery } from "../kb-api";
import { paths } from "../routes";

export function Articles() {
  const { t, api, lang, locale, me } = useConsole();
  const k = t.kb;
  useTitle(k.list.title);
  const [filter, setFilter] = useState<KbStaffListQuery>({});
  const [draft, setDraft] = useState<KbStaffListQuery>({});
  const [items, setItems] = useState<KbArticleListed[] | null>(null);
  const [error, setError] = useState<string | null>(null);

  useEffect(() => {
    setItems(null);
    void api.kbArticles(filter).then((r) => {
      if (r.ok) setItems(r.data.items);
      else setError(errorText(lang, r.error));
    });
  }, [filter]);

  const set = (key: keyof KbStaffListQuery) => (e: Event) => {
    const value = (e.currentTarget as HTMLInputElement | HTMLSelectElement).value;
    setDraft((d) => ({ ...d, [key]: value || undefined }));
  };

  const columns: Column<KbArticleListed>[] = [
    {
      head: k.list.article,
      cell: (a) => (
        <>
          <a href={paths.article(a.id)} onClick={linkHandler(paths.article(a.id))}>{a.title}</a>
          <span class="hint kb-url">{a.url}</span>
        </>
      ),
    },
    { head: k.list.locale, cell: (a) => k.locales[a.locale] ?? a.locale },
    { head: k.list.visibility, cell: (a) => <span class={`badge kb-${a.visibility}`}>{k.visibilities[a.visibility]}</span> },
    { head: k.list.category, cell: (a) => a.category ?? "" },
    { head: k.list.updated, cell: (a) => <><time dateTime={a.updatedAt}>{formatWhen(a.updatedAt, locale)}</time><span class="hint">{a.updatedBy}</span></> },
  ];

  return (
    <>
      <div class="page-head">
        <h1 tabIndex={-1}>{k.list.title}</h1>
        {writesArticles(me.role) && <a class="button primary" href={paths.article("new")} onClick={linkHandler(paths.article("new"))}>{k.list.add}</a>}
      </div>
      <p class="lead">{k.list.intro}</p>
      <form class="panel kb-filters" aria-label={k.list.filters} onSubmit={(e) => { e.preventDefault(); setError(null); setFilter(draft); }}>
        <div class="field">
          <label for="kb-f-locale">{k.list.locale}</label>
          <select id="kb-f-locale" value={draft.locale ?? ""} onChange={set("locale")}>
            <option value="">{k.list.any}</option>
            {LOCALES.map((l) => <option key={l} value={l}>{k.locales[l] ?? l}</option>)}
          </select>
        </div>
        <div class="field">
          <label for="kb-f-visibility">{k.list.visibility}</label>
          <select id="kb-f-visibility" value={draft.visibility ?? ""} onChange={set("visibility")}>
            <option value="">{k.list.any}</option>
            {KB_VISIBILITIES.map((v) => <option key={v} value={v}>{k.visibilities[v]}</option>)}
          </select>
        </div>
        <div class="field">
          <label for="kb-f-category">{k.list.category}</label>
          <input id="kb-f-category" type="text" value={draft.category ?? ""} onInput={set("category")} />
        </div>
        <div class="field">
          <label for="kb-f-q">{k.list.q}</label>
          <input id="kb-f-q" type="search" value={draft.q ?? ""} onInput={set("q")} />
        </div>
        <button type="submit">{k.list.apply}</button>
      </form>
      <ListStates items={items} error={error} loading={t.loading} empty={<p class="panel empty-state">{k.list.none}</p>}>
        {(rows) => <DataTable caption={k.list.title} columns={columns} rows={rows} rowKey={(a) => a.id} />}
      </ListStates>
    </>
  );
}
