/** Sites that embed the widget: their key, the origins allowed to use it, and the tag to paste. */
import { useState } from "preact/hooks";
import type { SiteListItem } from "../../api";
import { useConsole, useTitle } from "../../context";
import { CopyButton } from "../../parts/CopyButton";
import { ErrorNote } from "../../parts/Notes";
import { ConfirmDialog } from "../../parts/ConfirmDialog";
import { AdminPage, Field, FormPanel, ListPanel, invalidIf } from "./AdminPanel";
import { useAction } from "./useAction";
import { useList } from "./useList";
import { KB_SITE_TEXTS } from "../../texts/kb-sites";

const originList = (text: string) => text.split(/[\s,]+/).map((o) => o.trim()).filter(Boolean);

export function SitesPage() {
  const { t, api } = useConsole();
  useTitle(t.admin.pages.sites);
  const [name, setName] = useState("");
  const [origins, setOrigins] = useState("");
  const [created, setCreated] = useState<{ name: string; snippet: string } | null>(null);
  const [rotating, setRotating] = useState<SiteListItem | null>(null);
  const add = useAction({ inPage: true });
  const change = useAction({ inPage: true });
  const { items, load } = useList(() => api.sites(), (d) => d.items);

  const submit = async () => {
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
      <AdminPage title={t.admin.pages.sites} intro={t.sites.intro}>
        <ListPanel id="site-list" title={t.sites.list} items={items} empty={t.sites.none}
          after={(
            <>
              <ErrorNote message={change.error} />
              <p role="status" class="ok">{change.done ?? ""}</p>
              {items && items.map((s) => (
                <SiteEntry key={s.id} site={s} onSaved={() => void load()} onSwitch={() => void switchSite(s)} onRotate={() => setRotating(s)} busy={change.busy} />
              ))}
            </>
          )} />
        <FormPanel id="site-add" title={t.sites.add} action={add} onSubmit={submit} submitLabel={t.sites.submit}
          after={created && (
            <div class="created">
              <h3>{t.sites.snippetFor(created.name)}</h3>
              <p class="hint">{t.sites.snippetHint}</p>
              <Snippet id="snippet-new" name={created.name} snippet={created.snippet} />
            </div>
          )}>
          <Field id="site-name" label={t.sites.name}>
            <input id="site-name" required value={name} onInput={(e) => setName(e.currentTarget.value)} aria-invalid={invalidIf(add.field === "name")} />
          </Field>
          <OriginsField id="site-origins" value={origins} onInput={setOrigins} field={add.field} />
        </FormPanel>
      </AdminPage>
      {rotating && (
        <ConfirmDialog title={t.sites.rotateTitle} text={t.sites.rotateText(rotating.name)} confirmLabel={t.sites.rotateConfirm}
          cancelLabel={t.sites.cancel} onConfirm={() => void rotate(rotating)} onCancel={() => setRotating(null)} />
      )}
    </>
  );
}

/** The origins a site's key works from, one a line; the server names a bad one as `allowedOrigins.N`. */
function OriginsField({ id, value, onInput, field }: { id: string; value: string; onInput: (v: string) => void; field: string | null }) {
  const { t } = useConsole();
  return (
    <Field id={id} label={t.sites.origins} hint={t.sites.originsHint}>
      <textarea id={id} rows={3} value={value} onInput={(e) => onInput(e.currentTarget.value)} aria-describedby={`${id}-hint`} aria-invalid={invalidIf(field?.startsWith("allowedOrigins"))} />
    </Field>
  );
}

/** One site: what it is, its snippet, and its changes; editing happens in place. */
function SiteEntry({ site: s, onSaved, onSwitch, onRotate, busy }: { site: SiteListItem; onSaved: () => void; onSwitch: () => void; onRotate: () => void; busy: boolean }) {
  const { t, api, lang } = useConsole();
  const [editing, setEditing] = useState(false);
  const [name, setName] = useState(s.name);
  const [origins, setOrigins] = useState(s.allowedOrigins.join("\n"));
  const [ackArticles, setAckArticles] = useState(s.ackArticles);
  const kb = KB_SITE_TEXTS[lang];
  const save = useAction();
  const submit = async (e: Event) => {
    e.preventDefault();
    if (await save.run(() => api.updateSite(s.siteKey, { name: name.trim(), allowedOrigins: originList(origins), ackArticles }), (d) => t.sites.saved(d.name))) {
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
      {!editing && !s.ackArticles && <p class="hint">{KB_SITE_TEXTS[lang].ackArticlesOff}</p>}
      {editing ? (
        <form class="form" onSubmit={(e) => void submit(e)} noValidate aria-label={t.sites.editTitle(s.name)}>
          <Field id={`${id}-name`} label={t.sites.name}>
            <input id={`${id}-name`} value={name} onInput={(e) => setName(e.currentTarget.value)} aria-invalid={invalidIf(save.field === "name")} />
          </Field>
          <OriginsField id={`${id}-origins`} value={origins} onInput={setOrigins} field={save.field} />
          <label class="check">
            <input type="checkbox" checked={ackArticles} onChange={(e) => setAckArticles(e.currentTarget.checked)} aria-describedby={`${id}-ack-articles-hint`} /> {kb.ackArticles}
          </label>
          <p class="hint" id={`${id}-ack-articles-hint`}>{kb.ackArticlesHint}</p>
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
