/** Staff accounts: who can sign in to the console with which role; add, disable, enable. */
import { useEffect, useState } from "preact/hooks";
import type { StaffMember, StaffRole } from "../../api";
import { formatWhen } from "../../clock";
import { useConsole, useTitle } from "../../context";
import { ErrorNote } from "../../parts/Notes";
import { useAction } from "./useAction";
import { Email } from "../../parts/Email";
import { STAFF_ROLES } from "../../../../shared/roles";

export function StaffPage() {
  const { t, api, locale, me } = useConsole();
  useTitle(t.admin.pages.staff);
  const [items, setItems] = useState<StaffMember[] | null>(null);
  const [email, setEmail] = useState("");
  const [name, setName] = useState("");
  const [role, setRole] = useState<StaffRole>("agent");
  const [password, setPassword] = useState("");
  const [generated, setGenerated] = useState<{ email: string; password: string } | null>(null);
  const add = useAction({ inPage: true });
  const row = useAction();
  const load = async () => {
    const r = await api.staff();
    if (r.ok) setItems(r.data.items);
  };
  useEffect(() => void load(), []);

  const submit = async (e: Event) => {
    e.preventDefault();
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

  return (
    <>
      <h1 tabIndex={-1}>{t.admin.pages.staff}</h1>
      <p class="lead">{t.staff.intro}</p>
      <div class="admin-grid">
        <section class="panel" aria-labelledby="staff-list">
          <h2 id="staff-list">{t.staff.list}</h2>
          <ErrorNote message={row.error} />
          {!items && <p role="status">{t.loading}</p>}
          {items && (
            <div class="table-wrap">
              <table>
                <caption class="visually-hidden">{t.staff.list}</caption>
                <thead><tr><th scope="col">{t.staff.email}</th><th scope="col">{t.staff.name}</th><th scope="col">{t.staff.role}</th><th scope="col">{t.staff.state}</th><th scope="col">{t.staff.since}</th><th scope="col"><span class="visually-hidden">{t.admin.actions}</span></th></tr></thead>
                <tbody>
                  {items.map((s) => (
                    <tr key={s.id}>
                      <th scope="row" class="email"><Email address={s.email} /></th>
                      <td>{s.name ?? ""}</td>
                      <td>
                        {s.id === me.id ? t.roles[s.role] : (
                          <select aria-label={t.staff.roleOf(s.email)} value={s.role} disabled={row.busy} onChange={(e) => void changeRole(s, e.currentTarget.value as StaffRole)}>
                            {STAFF_ROLES.map((r) => <option key={r} value={r}>{t.roles[r]}</option>)}
                          </select>
                        )}
                      </td>
                      <td>{s.disabled ? t.staff.isDisabled : s.lockedUntil && Date.parse(s.lockedUntil) > Date.now() ? t.staff.locked : t.staff.active}</td>
                      <td><time dateTime={s.createdAt}>{formatWhen(s.createdAt, locale)}</time></td>
                      <td>
                        {s.email !== me.email && (
                          <button type="button" disabled={row.busy} onClick={() => void toggle(s)}>
                            {s.disabled ? t.staff.enable : t.staff.disable}<span class="visually-hidden"> {s.email}</span>
                          </button>
                        )}
                      </td>
                    </tr>
                  ))}
                </tbody>
              </table>
            </div>
          )}
        </section>
        <section class="panel" aria-labelledby="staff-add">
          <h2 id="staff-add">{t.staff.add}</h2>
          <form class="form" onSubmit={(e) => void submit(e)} noValidate>
            <div class="field">
              <label for="staff-email">{t.staff.email}</label>
              <input id="staff-email" type="email" required value={email} onInput={(e) => setEmail(e.currentTarget.value)} aria-invalid={add.field === "email" ? "true" : undefined} />
            </div>
            <div class="field">
              <label for="staff-name">{t.staff.name} <span class="hint">({t.optional})</span></label>
              <input id="staff-name" value={name} onInput={(e) => setName(e.currentTarget.value)} />
            </div>
            <div class="field">
              <label for="staff-role">{t.staff.role}</label>
              <select id="staff-role" value={role} onChange={(e) => setRole(e.currentTarget.value as StaffRole)}>
                {STAFF_ROLES.map((r) => <option key={r} value={r}>{t.roles[r]}</option>)}
              </select>
            </div>
            <div class="field">
              <label for="staff-password">{t.staff.password} <span class="hint">({t.optional})</span></label>
              <input id="staff-password" type="password" autocomplete="new-password" value={password} onInput={(e) => setPassword(e.currentTarget.value)} aria-describedby="staff-password-hint" aria-invalid={add.field === "password" ? "true" : undefined} />
              <p class="hint" id="staff-password-hint">{t.staff.passwordHint}</p>
            </div>
            <ErrorNote message={add.error} />
            <button type="submit" class="primary" disabled={add.busy}>{t.staff.submit}</button>
            <p role="status" class="ok">{add.done ?? ""}</p>
            {generated && (
              <div class="once">
                <p>{t.staff.generated(generated.email)}</p>
                <p><code>{generated.password}</code></p>
              </div>
            )}
          </form>
        </section>
      </div>
    </>
  );
}
