/**
 * Outgoing mail that is waiting, failed or sent (CONTRACT §7), with a retry for failed mail and
 * the full text of any mail. Without a mail server (SMTP_URL unset) every mail waits here, and
 * reading it is how a new installation is tried: the sign-in link a client asked for is in it.
 */
import { useEffect, useRef, useState } from "preact/hooks";
import type { OutboxListItem, OutboxMail } from "../../api";
import { formatWhen } from "../../clock";
import { useConsole, useTitle } from "../../context";
import { formatTid } from "../../format";
import { ErrorNote } from "../../parts/Notes";
import { useAction } from "./useAction";
import { Email } from "../../parts/Email";
import { MailText } from "../../parts/MailText";

type Status = "failed" | "pending" | "sent";

export function OutboxPage() {
  const { t, api, locale } = useConsole();
  useTitle(t.admin.pages.outbox);
  const [status, setStatus] = useState<Status>("failed");
  const [chosen, setChosen] = useState(false);
  const [items, setItems] = useState<OutboxListItem[] | null>(null);
  const [configured, setConfigured] = useState(true);
  const [open, setOpen] = useState<OutboxMail | null>(null);
  const retry = useAction({ inPage: true });
  const read = useAction();
  const load = async (s = status) => {
    setItems(null);
    const r = await api.outbox(s);
    setItems(r.ok ? r.data.items : []);
    if (!r.ok) return;
    setConfigured(r.data.mailConfigured);
    // Without a mail server nothing ever fails: what the admin wants to see is what waits.
    if (!r.data.mailConfigured && !chosen && s === "failed") setStatus("pending");
  };
  useEffect(() => void load(), [status]);

  const again = async (m: OutboxListItem) => {
    if (await retry.run(() => api.retryMail(m.id), () => t.outbox.retried(m.to))) void load();
  };
  const show = async (m: OutboxListItem) => {
    const mail = await read.run(() => api.outboxMail(m.id), () => null);
    if (mail) setOpen(mail);
  };

  return (
    <>
      <h1 tabIndex={-1}>{t.admin.pages.outbox}</h1>
      <p class="lead">{t.outbox.intro}</p>
      {!configured && <p class="panel notice">{t.outbox.noServer}</p>}
      <fieldset class="segmented">
        <legend>{t.outbox.show}</legend>
        {(["failed", "pending", "sent"] as const).map((s) => (
          <label key={s} class={status === s ? "on" : undefined}>
            <input type="radio" name="outbox-status" value={s} checked={status === s} onChange={() => { setChosen(true); setStatus(s); }} />
            {t.outbox.statuses[s]}
          </label>
        ))}
      </fieldset>
      <ErrorNote message={retry.error ?? read.error} />
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
                  <td>{t.outbox.kinds[m.kind] ?? m.kind}</td>
                  <td>{m.attempts}</td>
                  <td class="error-text">{m.lastError ?? ""}</td>
                  <td>{m.status === "pending" ? <time dateTime={m.nextAttemptAt}>{formatWhen(m.nextAttemptAt, locale)}</time> : "—"}</td>
                  <td class="actions">
                    <button type="button" onClick={() => void show(m)}>{t.outbox.read}<span class="visually-hidden"> {m.subject}</span></button>
                    {m.status === "failed" && (
                      <button type="button" disabled={retry.busy} onClick={() => void again(m)}>{t.outbox.retry}<span class="visually-hidden"> {m.subject}</span></button>
                    )}
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
      {open && <MailView mail={open} onClose={() => setOpen(null)} />}
    </>
  );
}

function MailView({ mail, onClose }: { mail: OutboxMail; onClose: () => void }) {
  const { t, locale } = useConsole();
  const heading = useRef<HTMLHeadingElement>(null);
  // Opening a mail moves the reader to it; the list stays above.
  useEffect(() => heading.current?.focus(), [mail.id]);
  return (
    <section class="panel mail-view" aria-label={t.outbox.mailTo(mail.to)}>
      <h2 tabIndex={-1} ref={heading}>{mail.subject}</h2>
      <dl class="facts">
        <dt>{t.outbox.to}</dt><dd><Email address={mail.to} /></dd>
        <dt>{t.outbox.created}</dt><dd><time dateTime={mail.createdAt}>{formatWhen(mail.createdAt, locale)}</time></dd>
      </dl>
      <MailText text={mail.text} />
      <button type="button" onClick={onClose}>{t.outbox.close}</button>
    </section>
  );
}
