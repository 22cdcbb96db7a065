/** Licenses (CONTRACT §3): which senders get a commercial or partner level, and until when. */
import { useEffect, useState } from "preact/hooks";
import type { LicenseListItem } from "../../api";
import { useConsole, useTitle } from "../../context";
import { ErrorNote } from "../../parts/Notes";
import { useAction } from "./useAction";
import { CLIENT_CATEGORIES } from "../../../../shared/sla";
import { EDITIONS } from "../../../../shared/limits";

const splitList = (s: string) => s.split(/[\s,;]+/).map((x) => x.trim()).filter(Boolean);
const EMPTY = { key: "", holder: "", category: "commercial", edition: "cloud", emails: "", supportUntil: "", unlimited: false, accountManager: "" };

export function LicensesPage() {
  const { t, api } = useConsole();
  useTitle(t.admin.pages.licenses);
  const [items, setItems] = useState<LicenseListItem[] | null>(null);
  const [next, setNext] = useState<number | null>(null);
  const [q, setQ] = useState("");
  const [form, setForm] = useState(EMPTY);
  /** The key of the license the form edits, or null: the form adds one. */
  const [editing, setEditing] = useState<string | null>(null);
  const add = useAction({ inPage: true });
  const set = (patch: Partial<typeof form>) => setForm({ ...form, ...patch });
  const load = async (more = false) => {
    const r = await api.licenses(q.trim() || undefined, more ? next : undefined);
    if (!r.ok) return;
    setItems(more && items ? [...items, ...r.data.items] : r.data.items);
    setNext(r.data.next);
  };
  useEffect(() => void load(), []);

  const edit = (l: LicenseListItem) => {
    setEditing(l.key);
    setForm({
      key: l.key, holder: l.holder, category: l.category, edition: l.edition, emails: l.emails.map((m) => m.email).join("\n"),
      supportUntil: l.supportUntil ?? "", unlimited: l.supportUntil === null, accountManager: l.accountManagerEmail ?? "",
    });
    document.getElementById("lic-holder")?.focus();
  };
  const stopEditing = () => {
    setEditing(null);
    setForm(EMPTY);
  };
  const submit = async (e: Event) => {
    e.preventDefault();
    const terms = {
      holder: form.holder.trim(), category: form.category, edition: form.edition,
      emails: splitList(form.emails), supportUntil: form.unlimited || !form.supportUntil ? null : form.supportUntil,
    };
    const ok = editing
      ? await add.run(() => api.updateLicense(editing, { ...terms, accountManagerEmail: form.accountManager.trim() || null }), () => t.licenses.saved(editing))
      : await add.run(() => api.addLicense({ key: form.key.trim(), ...terms }), () => t.licenses.added(form.key.trim()));
    if (ok) {
      stopEditing();
      void load();
    }
  };

  return (
    <>
      <h1 tabIndex={-1}>{t.admin.pages.licenses}</h1>
      <p class="lead">{t.licenses.intro}</p>
      <div class="admin-grid">
        <section class="panel" aria-labelledby="lic-list">
          <h2 id="lic-list">{t.licenses.list}</h2>
          <form role="search" class="field inline" aria-label={t.licenses.search} onSubmit={(e) => { e.preventDefault(); void load(); }}>
            <label for="lic-q">{t.licenses.search}</label>
            <input id="lic-q" type="search" value={q} onInput={(e) => setQ(e.currentTarget.value)} />
            <button type="submit">{t.queue.searchButton}</button>
          </form>
          {!items && <p role="status">{t.loading}</p>}
          {items && items.length === 0 && <p class="muted">{t.licenses.none}</p>}
          {items && items.length > 0 && (
            <div class="table-wrap">
              <table>
                <caption class="visually-hidden">{t.licenses.list}</caption>
                <thead><tr><th scope="col">{t.licenses.key}</th><th scope="col">{t.licenses.holder}</th><th scope="col">{t.licenses.category}</th><th scope="col">{t.licenses.edition}</th><th scope="col">{t.licenses.emails}</th><th scope="col">{t.licenses.supportUntil}</th><th scope="col"><span class="visually-hidden">{t.admin.actions}</span></th></tr></thead>
                <tbody>
                  {items.map((l) => (
                    <tr key={l.id}>
                      <th scope="row"><code>{l.key}</code></th>
                      <td>{l.holder}</td>
                      <td>{t.licenses.categories[l.category]}</td>
                      <td>{t.ticket.editions[l.edition]}</td>
                      <td class="email">{l.emails.map((m) => m.email).join(", ")}</td>
                      <td>{l.supportUntil ?? t.licenses.unlimited}{!l.supportActive && <span class="badge expired"> {t.licenses.expired}</span>}</td>
                      <td><button type="button" onClick={() => edit(l)}>{t.licenses.edit}<span class="visually-hidden"> {l.key}</span></button></td>
                    </tr>
                  ))}
                </tbody>
              </table>
            </div>
          )}
          {next !== null && <button type="button" class="more" onClick={() => void load(true)}>{t.queue.more}</button>}
        </section>
        <section class="panel" aria-labelledby="lic-add">
          <h2 id="lic-add">{editing ? t.licenses.editTitle(editing) : t.licenses.add}</h2>
          <form class="form" onSubmit={(e) => void submit(e)} noValidate>
            <div class="field"><label for="lic-key">{t.licenses.key}</label><input id="lic-key" required readOnly={editing !== null} value={form.key} onInput={(e) => set({ key: e.currentTarget.value })} aria-invalid={add.field === "key" ? "true" : undefined} /></div>
            <div class="field"><label for="lic-holder">{t.licenses.holder}</label><input id="lic-holder" required value={form.holder} onInput={(e) => set({ holder: e.currentTarget.value })} aria-invalid={add.field === "holder" ? "true" : undefined} /></div>
            <div class="field">
              <label for="lic-category">{t.licenses.category}</label>
              <select id="lic-category" value={form.category} onChange={(e) => set({ category: e.currentTarget.value })}>
                {CLIENT_CATEGORIES.map((c) => <option key={c} value={c}>{t.licenses.categories[c]}</option>)}
              </select>
            </div>
            <div class="field">
              <label for="lic-edition">{t.licenses.edition}</label>
              <select id="lic-edition" value={form.edition} onChange={(e) => set({ edition: e.currentTarget.value })}>
                {EDITIONS.map((c) => <option key={c} value={c}>{t.ticket.editions[c]}</option>)}
              </select>
            </div>
            <div class="field">
              <label for="lic-emails">{t.licenses.emails}</label>
              <textarea id="lic-emails" rows={3} value={form.emails} onInput={(e) => set({ emails: e.currentTarget.value })} aria-describedby="lic-emails-hint" />
              <p class="hint" id="lic-emails-hint">{t.licenses.emailsHint}</p>
            </div>
            <div class="field">
              <label for="lic-until">{t.licenses.supportUntil}</label>
              <input id="lic-until" type="date" value={form.supportUntil} disabled={form.unlimited} onInput={(e) => set({ supportUntil: e.currentTarget.value })} />
              <label class="check"><input type="checkbox" checked={form.unlimited} onChange={(e) => set({ unlimited: e.currentTarget.checked })} /> {t.licenses.unlimited}</label>
            </div>
            {editing && (
              <div class="field">
                <label for="lic-am">{t.licenses.accountManager}</label>
                <input id="lic-am" type="email" value={form.accountManager} onInput={(e) => set({ accountManager: e.currentTarget.value })} aria-invalid={add.field === "accountManagerEmail" ? "true" : undefined} />
              </div>
            )}
            <ErrorNote message={add.error} />
            <div class="buttons">
              <button type="submit" class="primary" disabled={add.busy}>{editing ? t.licenses.save : t.licenses.submit}</button>
              {editing && <button type="button" onClick={stopEditing}>{t.licenses.cancel}</button>}
            </div>
            <p role="status" class="ok">{add.done ?? ""}</p>
          </form>
        </section>
      </div>
    </>
  );
}
