/** Sites that embed the widget: their key, the origins allowed to use it, and the tag to paste. */
import { useEffect, useState } from "preact/hooks";
import type { SiteListItem } from "../../api";
import { useConsole, useTitle } from "../../context";
import { CopyButton } from "../../parts/CopyButton";
import { ErrorNote } from "../../parts/Notes";
import { ConfirmDialog } from "../../parts/ConfirmDialog";
import { useAction } from "./useAction";

const originList = (text: string) => text.split(/[\s,]+/).map((o) => o.trim()).filter(Boolean);

export function SitesPage() {
  const { t, api } = useConsole();
  useTitle(t.admin.pages.sites);
  const [items, setItems] = useState<SiteListItem[] | null>(null);
  const [name, setName] = useState("");
  const [origins, setOrigins] = useState("");
  const [created, setCreated] = useState<{ name: string; snippet: string } | null>(null);
  const [rotating, setRotating] = useState<SiteListItem | null>(null);
  const add = useAction({ inPage: true });
  const change = useAction({ inPage: true });
  const load = async () => {
    const r = await api.sites();
    if (r.ok) setItems(r.data.items);
  };
  useEffect(() => void load(), []);

  const submit = async (e: Event) => {
    e.preventDefault();
    setCreated(null);
    const r = await add.run(() => api.addSite(name.trim(), originList(origins)), (d) => t.sites.added(d.name));
    if (!r) return;
    setCreated({ name: r.name, snippet: r.snippet });
    setName("");
    setOrigins("");
    void load();
  };
  const switchSite = async (s: SiteListItem) => {
    if (await change.run(() => api.updateSite(s.siteKey, { disabled: !s.disabled }), (d) => (d.disabled ? t.sites.disabled : t.sites.enabled)(d.name))) void load();
  };
  const rotate = async (s: SiteListItem) => {
    setRotating(null);
    const r = await change.run(() => api.rotateSite(s.siteKey), (d) => t.sites.rotated(d.name));
    if (!r) return;
    setCreated({ name: r.name, snippet: r.snippet });
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
          <ErrorNote message={change.error} />
          <p role="status" class="ok">{change.done ?? ""}</p>
          {items && items.map((s) => (
            <SiteEntry key={s.id} site={s} onSaved={() => void load()} onSwitch={() => void switchSite(s)} onRotate={() => setRotating(s)} busy={change.busy} />
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
      {rotating && (
        <ConfirmDialog title={t.sites.rotateTitle} text={t.sites.rotateText(rotating.name)} confirmLabel={t.sites.rotateConfirm}
          cancelLabel={t.sites.cancel} onConfirm={() => void rotate(rotating)} onCancel={() => setRotating(null)} />
      )}
    </>
  );
}

/** One site: what it is, its snippet, and its changes; editing happens in place. */
function SiteEntry({ site: s, onSaved, onSwitch, onRotate, busy }: { site: SiteListItem; onSaved(): void; onSwitch(): void; onRotate(): void; busy: boolean }) {
  const { t, api } = useConsole();
  const [editing, setEditing] = useState(false);
  const [name, setName] = useState(s.name);
  const [origins, setOrigins] = useState(s.allowedOrigins.join("\n"));
  const save = useAction();
  const submit = async (e: Event) => {
    e.preventDefault();
    if (await save.run(() => api.updateSite(s.siteKey, { name: name.trim(), allowedOrigins: originList(origins) }), (d) => t.sites.saved(d.name))) {
      setEditing(false);
      onSaved();
    }
  };
  const id = `site-${s.id}`;
  return (
    <article class="site" aria-labelledby={id}>
      <h3 id={id}>{s.name}</h3>
      {s.disabled && <p class="notice">{t.sites.isDisabled}</p>}
      <p class="hint">{t.sites.key}: <code>{s.siteKey}</code></p>
      {!editing && <p class="hint">{t.sites.origins}: {s.allowedOrigins.join(", ")}</p>}
      {editing ? (
        <form class="form" onSubmit={(e) => void submit(e)} noValidate aria-label={t.sites.editTitle(s.name)}>
          <div class="field"><label for={`${id}-name`}>{t.sites.name}</label><input id={`${id}-name`} value={name} onInput={(e) => setName(e.currentTarget.value)} aria-invalid={save.field === "name" ? "true" : undefined} /></div>
          <div class="field">
            <label for={`${id}-origins`}>{t.sites.origins}</label>
            <textarea id={`${id}-origins`} rows={3} value={origins} onInput={(e) => setOrigins(e.currentTarget.value)} aria-describedby={`${id}-origins-hint`}
              aria-invalid={save.field?.startsWith("allowedOrigins") ? "true" : undefined} />
            <p class="hint" id={`${id}-origins-hint`}>{t.sites.originsHint}</p>
          </div>
          <ErrorNote message={save.error} />
          <div class="buttons">
            <button type="submit" class="primary" disabled={save.busy}>{t.sites.save}</button>
            <button type="button" onClick={() => setEditing(false)}>{t.sites.cancel}</button>
          </div>
        </form>
      ) : (
        <div class="buttons">
          <button type="button" onClick={() => setEditing(true)}>{t.sites.edit}<span class="visually-hidden"> {s.name}</span></button>
          <button type="button" disabled={busy} onClick={onSwitch}>{s.disabled ? t.sites.enable : t.sites.disable}<span class="visually-hidden"> {s.name}</span></button>
          <button type="button" disabled={busy} onClick={onRotate}>{t.sites.rotate}<span class="visually-hidden"> {s.name}</span></button>
        </div>
      )}
      <Snippet id={`snippet-${s.id}`} name={s.name} snippet={s.snippet} />
    </article>
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
