/** Licenses (CONTRACT §3): which senders get a commercial or partner level, and until when. */
import { useEffect, useState } from "preact/hooks";
import type { LicenseListItem } from "../../api";
import { useConsole, useTitle } from "../../context";
import { DataTable, type Column } from "../../../shared/DataTable";
import { AdminPage, Field, FormPanel, ListPanel, actionsColumn, invalidIf } from "./AdminPanel";
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
  const submit = async () => {
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

  const columns: Column<LicenseListItem>[] = [
    { head: t.licenses.key, cell: (l) => <code>{l.key}</code> },
    { head: t.licenses.holder, cell: (l) => l.holder },
    { head: t.licenses.category, cell: (l) => t.licenses.categories[l.category] },
    { head: t.licenses.edition, cell: (l) => t.ticket.editions[l.edition] },
    { head: t.licenses.emails, class: "email", cell: (l) => l.emails.map((m) => m.email).join(", ") },
    { head: t.licenses.supportUntil, cell: (l) => <>{l.supportUntil ?? t.licenses.unlimited}{!l.supportActive && <span class="badge expired"> {t.licenses.expired}</span>}</> },
    actionsColumn(t.admin.actions, (l) => <button type="button" onClick={() => edit(l)}>{t.licenses.edit}<span class="visually-hidden"> {l.key}</span></button>),
  ];
  const search = (
    <form role="search" class="field inline" aria-label={t.licenses.search} onSubmit={(e) => { e.preventDefault(); void load(); }}>
      <label for="lic-q">{t.licenses.search}</label>
      <input id="lic-q" type="search" value={q} onInput={(e) => setQ(e.currentTarget.value)} />
      <button type="submit">{t.queue.searchButton}</button>
    </form>
  );

  return (
    <AdminPage title={t.admin.pages.licenses} intro={t.licenses.intro}>
      <ListPanel id="lic-list" title={t.licenses.list} items={items} empty={t.licenses.none} tools={search}
        after={next !== null && <button type="button" class="more" onClick={() => void load(true)}>{t.queue.more}</button>}>
        {(rows) => <DataTable caption={t.licenses.list} columns={columns} rows={rows} rowKey={(l) => l.id} />}
      </ListPanel>
      <FormPanel id="lic-add" title={editing ? t.licenses.editTitle(editing) : t.licenses.add} action={add} onSubmit={submit}
        submitLabel={editing ? t.licenses.save : t.licenses.submit}
        buttons={editing && <button type="button" onClick={stopEditing}>{t.licenses.cancel}</button>}>
        <Field id="lic-key" label={t.licenses.key}>
          <input id="lic-key" required readOnly={editing !== null} value={form.key} onInput={(e) => set({ key: e.currentTarget.value })} aria-invalid={invalidIf(add.field === "key")} />
        </Field>
        <Field id="lic-holder" label={t.licenses.holder}>
          <input id="lic-holder" required value={form.holder} onInput={(e) => set({ holder: e.currentTarget.value })} aria-invalid={invalidIf(add.field === "holder")} />
        </Field>
        <Field id="lic-category" label={t.licenses.category}>
          <select id="lic-category" value={form.category} onChange={(e) => set({ category: e.currentTarget.value })}>
            {CLIENT_CATEGORIES.map((c) => <option key={c} value={c}>{t.licenses.categories[c]}</option>)}
          </select>
        </Field>
        <Field id="lic-edition" label={t.licenses.edition}>
          <select id="lic-edition" value={form.edition} onChange={(e) => set({ edition: e.currentTarget.value })}>
            {EDITIONS.map((c) => <option key={c} value={c}>{t.ticket.editions[c]}</option>)}
          </select>
        </Field>
        <Field id="lic-emails" label={t.licenses.emails} hint={t.licenses.emailsHint}>
          <textarea id="lic-emails" rows={3} value={form.emails} onInput={(e) => set({ emails: e.currentTarget.value })} aria-describedby="lic-emails-hint" />
        </Field>
        <Field id="lic-until" label={t.licenses.supportUntil}>
          <input id="lic-until" type="date" value={form.supportUntil} disabled={form.unlimited} onInput={(e) => set({ supportUntil: e.currentTarget.value })} />
          <label class="check"><input type="checkbox" checked={form.unlimited} onChange={(e) => set({ unlimited: e.currentTarget.checked })} /> {t.licenses.unlimited}</label>
        </Field>
        {editing && (
          <Field id="lic-am" label={t.licenses.accountManager}>
            <input id="lic-am" type="email" value={form.accountManager} onInput={(e) => set({ accountManager: e.currentTarget.value })} aria-invalid={invalidIf(add.field === "accountManagerEmail")} />
          </Field>
        )}
      </FormPanel>
    </AdminPage>
  );
}
