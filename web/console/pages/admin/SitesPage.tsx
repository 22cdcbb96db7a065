/** Sites that embed the widget: their key, the origins allowed to use it, and the tag to paste. */
import { useEffect, useState } from "preact/hooks";
import type { SiteListItem } from "../../api";
import { useConsole, useTitle } from "../../context";
import { CopyButton } from "../../parts/CopyButton";
import { ErrorNote } from "../../parts/Notes";
import { useAction } from "./useAction";

export function SitesPage() {
  const { t, api } = useConsole();
  useTitle(t.admin.pages.sites);
  const [items, setItems] = useState<SiteListItem[] | null>(null);
  const [name, setName] = useState("");
  const [origins, setOrigins] = useState("");
  const [created, setCreated] = useState<{ name: string; snippet: string } | null>(null);
  const add = useAction();
  const load = async () => {
    const r = await api.sites();
    if (r.ok) setItems(r.data.items);
  };
  useEffect(() => void load(), []);

  const submit = async (e: Event) => {
    e.preventDefault();
    setCreated(null);
    const list = origins.split(/[\s,]+/).map((o) => o.trim()).filter(Boolean);
    const r = await add.run(() => api.addSite(name.trim(), list), (d) => t.sites.added(d.name));
    if (!r) return;
    setCreated({ name: r.name, snippet: r.snippet });
    setName("");
    setOrigins("");
    void load();
  };

  return (
    <>
      <h1 tabIndex={-1}>{t.admin.pages.sites}</h1>
      <p class="lead">{t.sites.intro}</p>
      <div class="admin-grid">
        <section class="panel" aria-labelledby="site-list">
          <h2 id="site-list">{t.sites.list}</h2>
          {!items && <p role="status">{t.loading}</p>}
          {items && items.length === 0 && <p class="muted">{t.sites.none}</p>}
          {items && items.map((s) => (
            <article class="site" key={s.id} aria-labelledby={`site-${s.id}`}>
              <h3 id={`site-${s.id}`}>{s.name}</h3>
              <p class="hint">{t.sites.key}: <code>{s.siteKey}</code></p>
              <p class="hint">{t.sites.origins}: {s.allowedOrigins.join(", ")}</p>
              <Snippet id={`snippet-${s.id}`} name={s.name} snippet={s.snippet} />
            </article>
          ))}
        </section>
        <section class="panel" aria-labelledby="site-add">
          <h2 id="site-add">{t.sites.add}</h2>
          <form class="form" onSubmit={(e) => void submit(e)} noValidate>
            <div class="field"><label for="site-name">{t.sites.name}</label><input id="site-name" required value={name} onInput={(e) => setName(e.currentTarget.value)} aria-invalid={add.field === "name" ? "true" : undefined} /></div>
            <div class="field">
              <label for="site-origins">{t.sites.origins}</label>
              <textarea id="site-origins" rows={3} value={origins} onInput={(e) => setOrigins(e.currentTarget.value)} aria-describedby="site-origins-hint" aria-invalid={add.field?.startsWith("allowedOrigins") ? "true" : undefined} />
              <p class="hint" id="site-origins-hint">{t.sites.originsHint}</p>
            </div>
            <ErrorNote message={add.error} />
            <button type="submit" class="primary" disabled={add.busy}>{t.sites.submit}</button>
            <p role="status" class="ok">{add.done ?? ""}</p>
          </form>
          {created && (
            <div class="created">
              <h3>{t.sites.snippetFor(created.name)}</h3>
              <p class="hint">{t.sites.snippetHint}</p>
              <Snippet id="snippet-new" name={created.name} snippet={created.snippet} />
            </div>
          )}
        </section>
      </div>
    </>
  );
}

function Snippet({ id, name, snippet }: { id: string; name: string; snippet: string }) {
  const { t } = useConsole();
  return (
    <div class="snippet">
      <pre id={id} tabIndex={0} role="region" aria-label={t.sites.snippetFor(name)}><code>{snippet}</code></pre>
      <CopyButton text={snippet} targetId={id} label={t.sites.snippetFor(name)} />
    </div>
  );
}
