/**
 * Assign, change level (SLA 2.5.4 non-product, 2.5.5 development with the target version), and
 * status (resolve, close, reopen). Agents take a ticket themselves or give it back; supervisors
 * assign anyone. Each is its own small form so a failure is shown where it happened.
 */
import { useEffect, useRef, useState } from "preact/hooks";
import { SLA_LEVEL_IDS } from "../../../shared/sla";
import type { StaffMember, TicketStatus } from "../api";
import { canAdminister, canSupervise, useConsole } from "../context";
import { levelText } from "../format";
import { errorText } from "../i18n";
import { ErrorNote } from "./Notes";
import { isDone, WAITING_ON_CLIENT, type StaffSetStatus } from "../../../shared/ticket-status";

type Done = (message: string) => void;

export function AssignForm({ tid, assignee, onDone, assignMeN }: { tid: string; assignee: string | null; onDone: Done; assignMeN: number }) {
  const { t, api, lang, me } = useConsole();
  const supervisor = canSupervise(me);
  const [email, setEmail] = useState("");
  const [staff, setStaff] = useState<StaffMember[]>([]);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);

  // Only admins may list the staff; a supervisor types the address.
  useEffect(() => {
    if (canAdminister(me)) void api.staff().then((r) => r.ok && setStaff(r.data.items));
  }, []);

  const assign = async (to: string | null) => {
    setBusy(true);
    setError(null);
    const mine = to === null ? assignee === me.email : to.toLowerCase() === me.email;
    const r = supervisor && !mine ? await api.assignAny(tid, to) : await api.assignSelf(tid, to);
    setBusy(false);
    if (!r.ok) return setError(errorText(lang, r.error));
    setEmail("");
    onDone(r.data.assignee ? t.assign.done(r.data.assignee) : t.assign.cleared);
  };

  const first = useRef(true);
  useEffect(() => {
    if (first.current) {
      first.current = false;
      return;
    }
    if (assignee !== me.email) void assign(me.email);
  }, [assignMeN]);

  return (
    <div class="assign">
      <p>
        {t.assign.current}: <strong>{assignee ?? t.assign.nobody}</strong>
      </p>
      <div class="buttons">
        {assignee !== me.email && <button type="button" disabled={busy} onClick={() => void assign(me.email)}>{t.assign.me} <kbd aria-hidden="true">a</kbd></button>}
        {assignee && (assignee === me.email || supervisor) && <button type="button" disabled={busy} onClick={() => void assign(null)}>{t.assign.unassign}</button>}
      </div>
      {supervisor && (
        <form class="field inline" onSubmit={(e) => { e.preventDefault(); if (email.trim()) void assign(email.trim()); }}>
          <label for="assign-email">{t.assign.to}</label>
          <input id="assign-email" type="email" list="assign-staff" value={email} onInput={(e) => setEmail(e.currentTarget.value)} autocomplete="off" />
          <datalist id="assign-staff">
            {staff.filter((s) => !s.disabled).map((s) => <option key={s.email} value={s.email}>{s.name ?? s.email}</option>)}
          </datalist>
          <button type="submit" disabled={busy || !email.trim()}>{t.assign.submit}</button>
        </form>
      )}
      <ErrorNote message={error} />
    </div>
  );
}

const LEVEL_CHOICES = ["non-product", "development", "license"] as const;

export function LevelForm({ tid, level, handOver, onDone }: { tid: string; level: string; handOver?: "available" | "n/a"; onDone: Done }) {
  const { t, api, lang, me } = useConsole();
  const [override, setOverride] = useState(false);
  const [to, setTo] = useState("");
  const [reason, setReason] = useState("");
  const [version, setVersion] = useState("");
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const reasonRef = useRef<HTMLTextAreaElement>(null);

  const submit = async (e: Event) => {
    e.preventDefault();
    if (!to) return setError(t.level.pick);
    if (!reason.trim()) {
      setError(t.level.reasonMissing);
      reasonRef.current?.focus();
      return;
    }
    setBusy(true);
    setError(null);
    const dev = to === "development";
    const r = await api.level(tid, to, reason.trim(), dev ? version.trim() : undefined, dev && override);
    setBusy(false);
    if (!r.ok) return setError(errorText(lang, r.error));
    setReason("");
    setVersion("");
    setTo("");
    setOverride(false);
    onDone(t.level.done(levelText(r.data.slaLevel, lang)));
  };

  const others = SLA_LEVEL_IDS.filter((l) => l !== "non-product" && l !== "development" && l !== level);
  // SLA 2.6: "n/a" for non-commercial clients; said before the agent writes a reason, not after.
  const notEntitled = to === "development" && handOver === "n/a";
  const supervisor = canSupervise(me);
  return (
    <details class="action">
      <summary>{t.level.title}</summary>
      <form onSubmit={(e) => void submit(e)} noValidate>
        <div class="field">
          <label for="level-to">{t.level.to}</label>
          <select id="level-to" value={to} onChange={(e) => setTo(e.currentTarget.value)}>
            <option value="">{t.level.choose}</option>
            {LEVEL_CHOICES.filter((l) => l !== level).map((l) => <option key={l} value={l}>{t.level.choices[l]}</option>)}
            <optgroup label={t.level.otherLevels}>
              {others.map((l) => <option key={l} value={l}>{levelText(l, lang)}</option>)}
            </optgroup>
          </select>
        </div>
        {notEntitled && (
          <div class="field">
            <p class="hint" id="level-entitlement">{t.level.notEntitled} {!supervisor && t.level.askSupervisor}</p>
            {supervisor && (
              <label class="check">
                <input type="checkbox" checked={override} onChange={(e) => setOverride(e.currentTarget.checked)} aria-describedby="level-entitlement" />
                {t.level.override}
              </label>
            )}
          </div>
        )}
        {to === "development" && (
          <div class="field">
            <label for="level-version">{t.level.version}</label>
            <input id="level-version" value={version} onInput={(e) => setVersion(e.currentTarget.value)} aria-describedby="level-version-hint" />
            <p class="hint" id="level-version-hint">{t.level.versionHint}</p>
          </div>
        )}
        <div class="field">
          <label for="level-reason">{t.level.reason}</label>
          <textarea ref={reasonRef} id="level-reason" rows={2} value={reason} onInput={(e) => setReason(e.currentTarget.value)} required aria-required="true" />
        </div>
        <ErrorNote message={error} />
        <button type="submit" disabled={busy || (notEntitled && !override)}>{busy ? t.level.busy : t.level.submit}</button>
      </form>
    </details>
  );
}

export function StatusForm({ tid, status, onDone }: { tid: string; status: TicketStatus; onDone: Done }) {
  const { t, api, lang } = useConsole();
  const [reason, setReason] = useState("");
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const done = isDone(status);

  const change = async (to: Exclude<StaffSetStatus, typeof WAITING_ON_CLIENT>) => {
    setBusy(true);
    setError(null);
    const r = await api.status(tid, to, reason.trim());
    setBusy(false);
    if (!r.ok) return setError(errorText(lang, r.error));
    setReason("");
    onDone(t.statusForm.done(t.status[to]));
  };

  return (
    <details class="action" open={done || undefined}>
      <summary>{t.statusForm.title}</summary>
      <div class="field">
        <label for="status-reason">{t.statusForm.reason}</label>
        <input id="status-reason" value={reason} onInput={(e) => setReason(e.currentTarget.value)} />
      </div>
      <div class="buttons">
        {!done && <button type="button" class="primary" disabled={busy} onClick={() => void change("resolved")}>{t.statusForm.resolve}</button>}
        {status !== "closed" && <button type="button" disabled={busy} onClick={() => void change("closed")}>{t.statusForm.close}</button>}
        {(done || status === WAITING_ON_CLIENT) && <button type="button" disabled={busy} onClick={() => void change("open")}>{done ? t.statusForm.reopen : t.statusForm.resume}</button>}
      </div>
      <ErrorNote message={error} />
    </details>
  );
}
