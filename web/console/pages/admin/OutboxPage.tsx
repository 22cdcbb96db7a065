/** Outgoing mail that is waiting or failed (CONTRACT §7), with a retry for each. */
import { useEffect, useState } from "preact/hooks";
import type { OutboxListItem } from "../../api";
import { formatWhen } from "../../clock";
import { useConsole, useTitle } from "../../context";
import { formatTid } from "../../format";
import { ErrorNote } from "../../parts/Notes";
import { useAction } from "./useAction";
import { Email } from "../../parts/Email";

export function OutboxPage() {
  const { t, api, locale } = useConsole();
  useTitle(t.admin.pages.outbox);
  const [status, setStatus] = useState<"failed" | "pending">("failed");
  const [items, setItems] = useState<OutboxListItem[] | null>(null);
  const retry = useAction();
  const load = async (s = status) => {
    setItems(null);
    const r = await api.outbox(s);
    setItems(r.ok ? r.data.items : []);
  };
  useEffect(() => void load(), [status]);

  const again = async (m: OutboxListItem) => {
    if (await retry.run(() => api.retryMail(m.id), () => t.outbox.retried(m.to))) void load();
  };

  return (
    <>
      <h1 tabIndex={-1}>{t.admin.pages.outbox}</h1>
      <p class="lead">{t.outbox.intro}</p>
      <fieldset class="segmented">
        <legend>{t.outbox.show}</legend>
        {(["failed", "pending"] as const).map((s) => (
          <label key={s} class={status === s ? "on" : undefined}>
            <input type="radio" name="outbox-status" value={s} checked={status === s} onChange={() => setStatus(s)} />
            {t.outbox.statuses[s]}
          </label>
        ))}
      </fieldset>
      <ErrorNote message={retry.error} />
      <p role="status" class="ok">{retry.done ?? ""}</p>
      {!items && <p role="status">{t.loading}</p>}
      {items && items.length === 0 && <p class="panel empty-state">{t.outbox.none[status]}</p>}
      {items && items.length > 0 && (
        <div class="table-wrap">
          <table>
            <caption class="visually-hidden">{t.outbox.statuses[status]}</caption>
            <thead><tr><th scope="col">{t.outbox.to}</th><th scope="col">{t.outbox.subject}</th><th scope="col">{t.outbox.kind}</th><th scope="col">{t.outbox.attempts}</th><th scope="col">{t.outbox.error}</th><th scope="col">{t.outbox.next}</th><th scope="col"><span class="visually-hidden">{t.admin.actions}</span></th></tr></thead>
            <tbody>
              {items.map((m) => (
                <tr key={m.id}>
                  <th scope="row" class="email"><Email address={m.to} /></th>
                  <td>{m.subject}{m.tid && <span class="hint">{formatTid(m.tid)}</span>}</td>
                  <td>{(t.outbox.kinds as Record<string, string>)[m.kind] ?? m.kind}</td>
                  <td>{m.attempts}</td>
                  <td class="error-text">{m.lastError ?? ""}</td>
                  <td>{m.status === "pending" ? <time dateTime={m.nextAttemptAt}>{formatWhen(m.nextAttemptAt, locale)}</time> : "—"}</td>
                  <td><button type="button" disabled={retry.busy} onClick={() => void again(m)}>{t.outbox.retry}<span class="visually-hidden"> {m.subject}</span></button></td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
    </>
  );
}
