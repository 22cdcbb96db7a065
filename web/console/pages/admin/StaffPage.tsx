/** Staff accounts: who can sign in to the console with which role; add, disable, enable. */
import { useState } from "preact/hooks";
import type { StaffMember, StaffRole } from "../../api";
import { formatWhen } from "../../clock";
import { useConsole, useTitle } from "../../context";
import { DataTable, type Column } from "../../../shared/DataTable";
import { AdminPage, Field, FormPanel, ListPanel, actionsColumn, invalidIf } from "./AdminPanel";
import { useAction } from "./useAction";
import { useList } from "./useList";
import { Email } from "../../parts/Email";
import { STAFF_ROLES } from "../../../../shared/roles";

export function StaffPage() {
  const { t, api, locale, me } = useConsole();
  useTitle(t.admin.pages.staff);
  const [email, setEmail] = useState("");
  const [name, setName] = useState("");
  const [role, setRole] = useState<StaffRole>("agent");
  const [password, setPassword] = useState("");
  const [generated, setGenerated] = useState<{ email: string; password: string } | null>(null);
  const add = useAction({ inPage: true });
  const row = useAction();
  const { items, load } = useList(() => api.staff(), (d) => d.items);

  const submit = async () => {
    setGenerated(null);
    const r = await add.run(() => api.addStaff({ email: email.trim(), role, name: name.trim() || undefined, password: password || undefined }), (d) => t.staff.added(d.email));
    if (!r) return;
    if (r.generatedPassword) setGenerated({ email: r.email, password: r.generatedPassword });
    setEmail("");
    setName("");
    setPassword("");
    void load();
  };
  // A role applies from the person's next request; nobody changes their own (the server refuses it too).
  const changeRole = async (s: StaffMember, next: StaffRole) => {
    if (await row.run(() => api.updateStaff(s.id, { role: next }), () => t.staff.roleChanged(s.email, t.roles[next]))) void load();
    else void load();
  };
  const toggle = async (s: StaffMember) => {
    if (await row.run(() => api.setStaffDisabled(s.id, !s.disabled), () => (s.disabled ? t.staff.enabled(s.email) : t.staff.disabled(s.email)))) void load();
  };

  const columns: Column<StaffMember>[] = [
    { head: t.staff.email, class: "email", cell: (s) => <Email address={s.email} /> },
    { head: t.staff.name, cell: (s) => s.name ?? "" },
    {
      head: t.staff.role,
      cell: (s) => (s.id === me.id ? t.roles[s.role] : (
        <select aria-label={t.staff.roleOf(s.email)} value={s.role} disabled={row.busy} onChange={(e) => void changeRole(s, e.currentTarget.value as StaffRole)}>
          {STAFF_ROLES.map((r) => <option key={r} value={r}>{t.roles[r]}</option>)}
        </select>
      )),
    },
    { head: t.staff.state, cell: (s) => (s.disabled ? t.staff.isDisabled : s.lockedUntil && Date.parse(s.lockedUntil) > Date.now() ? t.staff.locked : t.staff.active) },
    { head: t.staff.since, cell: (s) => <time dateTime={s.createdAt}>{formatWhen(s.createdAt, locale)}</time> },
    actionsColumn(t.admin.actions, (s) => s.email !== me.email && (
      <button type="button" disabled={row.busy} onClick={() => void toggle(s)}>
        {s.disabled ? t.staff.enable : t.staff.disable}<span class="visually-hidden"> {s.email}</span>
      </button>
    )),
  ];
  const optional = <span class="hint">({t.optional})</span>;

  return (
    <AdminPage title={t.admin.pages.staff} intro={t.staff.intro}>
      <ListPanel id="staff-list" title={t.staff.list} items={items} error={row.error}>
        {(rows) => <DataTable caption={t.staff.list} columns={columns} rows={rows} rowKey={(s) => s.id} />}
      </ListPanel>
      <FormPanel id="staff-add" title={t.staff.add} action={add} onSubmit={submit} submitLabel={t.staff.submit}
        footer={generated && (
          <div class="once">
            <p>{t.staff.generated(generated.email)}</p>
            <p><code>{generated.password}</code></p>
          </div>
        )}>
        <Field id="staff-email" label={t.staff.email}>
          <input id="staff-email" type="email" required value={email} onInput={(e) => setEmail(e.currentTarget.value)} aria-invalid={invalidIf(add.field === "email")} />
        </Field>
        <Field id="staff-name" label={<>{t.staff.name} {optional}</>}>
          <input id="staff-name" value={name} onInput={(e) => setName(e.currentTarget.value)} />
        </Field>
        <Field id="staff-role" label={t.staff.role}>
          <select id="staff-role" value={role} onChange={(e) => setRole(e.currentTarget.value as StaffRole)}>
            {STAFF_ROLES.map((r) => <option key={r} value={r}>{t.roles[r]}</option>)}
          </select>
        </Field>
        <Field id="staff-password" label={<>{t.staff.password} {optional}</>} hint={t.staff.passwordHint}>
          <input id="staff-password" type="password" autocomplete="new-password" value={password} onInput={(e) => setPassword(e.currentTarget.value)} aria-describedby="staff-password-hint" aria-invalid={invalidIf(add.field === "password")} />
        </Field>
      </FormPanel>
    </AdminPage>
  );
}
