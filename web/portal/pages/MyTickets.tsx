/** My tickets (SLA 4.13): number, subject, status, level and where the answer stands; find by TID. */
import { useEffect, useState } from "preact/hooks";
import { formatTid } from "../../../shared/tid";
import type { MyTicket } from "../../shared/api";
import { levelText, responseText } from "../../shared/format";
import { errorText } from "../../shared/i18n";
import { linkHandler, paths } from "../../shared/router";
import { usePortal, useTitle } from "../context";
import { FindByTid } from "../parts/FindByTid";
import { ErrorNote } from "../parts/Status";

export function MyTickets() {
  const { t, api, lang, locale, now } = usePortal();
  useTitle(t.list.title);
  const [items, setItems] = useState<MyTicket[] | null>(null);
  const [error, setError] = useState<string | null>(null);
  useEffect(() => {
    void api.myTickets().then((r) => (r.ok ? setItems(r.data.items) : setError(errorText(lang, r.error))));
  }, []);
  const at = now();
  return (
    <>
      <div class="page-head">
        <div>
          <h1 tabIndex={-1}>{t.list.title}</h1>
          <p class="lead">{t.list.intro}</p>
        </div>
        <a class="button primary" href={paths.newTicket()} onClick={linkHandler(paths.newTicket())}>{t.nav.newTicket}</a>
      </div>
      <FindByTid />
      <ErrorNote message={error} />
      {!items && !error && <p role="status">{t.loading}</p>}
      {items && items.length === 0 && (
        <div class="panel empty-state">
          <p>{t.list.empty}</p>
          <a href={paths.newTicket()} onClick={linkHandler(paths.newTicket())}>{t.list.emptyAction}</a>
        </div>
      )}
      {items && items.length > 0 && (
        <div class="table-wrap">
          <table class="tickets">
            <caption class="visually-hidden">{t.list.caption}</caption>
            <thead>
              <tr>
                <th scope="col">{t.list.ticket}</th>
                <th scope="col">{t.list.subject}</th>
                <th scope="col">{t.list.status}</th>
                <th scope="col">{t.list.level}</th>
                <th scope="col">{t.list.response}</th>
              </tr>
            </thead>
            <tbody>
              {items.map((tk) => {
                const resp = responseText(tk, t, locale, at);
                return (
                  <tr key={tk.tid}>
                    <th scope="row" data-label={t.list.ticket}>
                      <a href={paths.ticket(tk.tid)} onClick={linkHandler(paths.ticket(tk.tid))}>{formatTid(tk.tid)}</a>
                    </th>
                    <td data-label={t.list.subject}>
                      <span class="subject">{tk.subject}</span>
                      {tk.urgent && <span class="badge urgent">{t.list.urgent}</span>}
                      {!tk.mine && <span class="hint">{t.list.requestedBy(tk.requester)}</span>}
                    </td>
                    <td data-label={t.list.status}><span class={`badge s-${tk.status}`}>{t.status[tk.status] ?? tk.status}</span></td>
                    <td data-label={t.list.level}>{levelText(tk.slaLevel, lang)}</td>
                    <td data-label={t.list.response} class={resp.overdue ? "overdue" : undefined}>{resp.text}</td>
                  </tr>
                );
              })}
            </tbody>
          </table>
        </div>
      )}
    </>
  );
}
