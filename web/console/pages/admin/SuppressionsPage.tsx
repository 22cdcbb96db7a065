/**
 * The suppression list (CONTRACT §7): who gets no automatic mail and why, with a lift for each;
 * above it the mail setup alerts, the failures that were our fault and suppressed nobody.
 */
import { useEffect, useState } from "preact/hooks";
import type { MailAlertItem, SuppressionItem } from "../../api";
import { formatWhen } from "../../clock";
import { useConsole, useTitle } from "../../context";
import { formatTid } from "../../format";
import { ConfirmDialog } from "../../parts/ConfirmDialog";
import { Email } from "../../parts/Email";
import { ErrorNote } from "../../parts/Notes";
import { useAction } from "./useAction";

export function SuppressionsPage() {
  const { t, api, locale } = useConsole();
  const ts = t.suppressions;
  useTitle(t.admin.pages.suppressions);
  const [items, setItems] = useState<SuppressionItem[] | null>(null);
  const [alerts, setAlerts] = useState<MailAlertItem[]>([]);
  const [pending, setPending] = useState<SuppressionItem | null>(null);
  const lift = useAction({ inPage: true });
  const load = async () => {
    const [s, a] = await Promise.all([api.suppressions(), api.mailAlerts()]);
    setItems(s.ok ? s.data.items : []);
    setAlerts(a.ok ? a.data.items : []);
  };
  useEffect(() => void load(), []);

  const confirmLift = async () => {
    const s = pending!;
    setPending(null);
    if (await lift.run(() => api.liftSuppression(s.email), (d) => ts.lifted(d.email, d.requeued))) void load();
    // The row and its button are gone: the page's heading takes the focus, not the body.
    document.querySelector<HTMLElement>("main h1")?.focus();
  };

  return (
    <>
      <h1 tabIndex={-1}>{t.admin.pages.suppressions}</h1>
      {alerts.length > 0 && (
        <section class="panel notice" aria-labelledby="mail-alerts-title">
          <h2 id="mail-alerts-title">{ts.alertsTitle}</h2>
          <p>{ts.alertsIntro}</p>
          <div class="table-wrap">
            <table>
              <caption class="visually-hidden">{ts.alertsTitle}</caption>
              <thead><tr><th scope="col">{ts.when}</th><th scope="col">{ts.to}</th><th scope="col">{ts.kind}</th><th scope="col">{ts.reply}</th></tr></thead>
              <tbody>
                {alerts.slice(0, 10).map((a) => (
                  <tr key={a.id}>
                    <th scope="row"><time dateTime={a.createdAt}>{formatWhen(a.createdAt, locale)}</time></th>
                    <td class="email">{a.to ? <Email address={a.to} /> : "—"}</td>
                    <td>{ts.kinds[a.kind] ?? a.kind}{a.code && <span class="hint">{a.code}</span>}</td>
                    <td class="error-text">{a.reply}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
        </section>
      )}
      <p class="lead">{ts.intro}</p>
      <ErrorNote message={lift.error} />
      <p role="status" class="ok">{lift.done ?? ""}</p>
      {!items && <p role="status">{t.loading}</p>}
      {items && items.length === 0 && <p class="panel empty-state">{ts.none}</p>}
      {items && items.length > 0 && (
        <div class="table-wrap">
          <table>
            <caption class="visually-hidden">{t.admin.pages.suppressions}</caption>
            <thead><tr><th scope="col">{ts.address}</th><th scope="col">{ts.since}</th><th scope="col">{ts.code}</th><th scope="col">{ts.reason}</th><th scope="col">{ts.cause}</th><th scope="col">{ts.heldBack}</th><th scope="col"><span class="visually-hidden">{t.admin.actions}</span></th></tr></thead>
            <tbody>
              {items.map((s) => (
                <tr key={s.email}>
                  <th scope="row" class="email"><Email address={s.email} /></th>
                  <td><time dateTime={s.createdAt}>{formatWhen(s.createdAt, locale)}</time></td>
                  <td>{s.code ?? "—"}</td>
                  <td class="error-text">{s.reason}</td>
                  <td>{s.cause ? <>{t.outbox.kinds[s.cause.kind] ?? s.cause.kind}{s.cause.tid && <span class="hint">{formatTid(s.cause.tid)}</span>}</> : "—"}</td>
                  <td>{s.heldBack}</td>
                  <td><button type="button" disabled={lift.busy} onClick={() => setPending(s)}>{ts.lift}<span class="visually-hidden"> {s.email}</span></button></td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
      {pending && (
        <ConfirmDialog
          title={ts.liftTitle}
          text={ts.liftText(pending.email, pending.heldBack)}
          confirmLabel={ts.lift}
          cancelLabel={ts.cancel}
          onConfirm={() => void confirmLift()}
          onCancel={() => setPending(null)}
        />
      )}
    </>
  );
}
