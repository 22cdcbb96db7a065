/** My tickets (SLA 4.13): number, subject, status, level and where the answer stands; find by TID. */
import { useEffect, useState } from "preact/hooks";
import { formatTid } from "../../../shared/tid";
import type { MyTicket } from "../../shared/api";
import { levelText, responseText } from "../../shared/format";
import { errorText } from "../../shared/i18n";
import { DataTable, type Column } from "../../shared/DataTable";
import { Link } from "../../shared/Link";
import { paths } from "../../shared/router";
import { usePortal, useTitle } from "../context";
import { FindByTid } from "../parts/FindByTid";
import { ListStates } from "../../shared/ListStates";
import { PageHead } from "../../shared/PageHead";

export function MyTickets() {
  const { t, api, lang, locale, now } = usePortal();
  useTitle(t.list.title);
  const [items, setItems] = useState<MyTicket[] | null>(null);
  const [error, setError] = useState<string | null>(null);
  useEffect(() => {
    void api.myTickets().then((r) => (r.ok ? setItems(r.data.items) : setError(errorText(lang, r.error))));
  }, []);
  const at = now();
  const columns: Column<MyTicket>[] = [
    { head: t.list.ticket, cell: (tk) => <Link href={paths.ticket(tk.tid)}>{formatTid(tk.tid)}</Link> },
    {
      head: t.list.subject,
      cell: (tk) => (
        <>
          <span class="subject">{tk.subject}</span>
          {tk.urgent && <span class="badge urgent">{t.list.urgent}</span>}
          {!tk.mine && <span class="hint">{t.list.requestedBy(tk.requester)}</span>}
        </>
      ),
    },
    { head: t.list.status, cell: (tk) => <span class={`badge s-${tk.status}`}>{t.status[tk.status] ?? tk.status}</span> },
    { head: t.list.level, cell: (tk) => levelText(tk.slaLevel, lang) },
    { head: t.list.response, class: (tk) => (responseText(tk, t, locale, at).overdue ? "overdue" : undefined), cell: (tk) => responseText(tk, t, locale, at).text },
  ];
  return (
    <>
      <PageHead title={t.list.title} lead={t.list.intro}>
        <Link class="button primary" href={paths.newTicket()}>{t.nav.newTicket}</Link>
      </PageHead>
      <FindByTid />
      <ListStates items={items} error={error} loading={t.loading} empty={(
        <div class="panel empty-state">
          <p>{t.list.empty}</p>
          <Link href={paths.newTicket()}>{t.list.emptyAction}</Link>
        </div>
      )}>
        {(rows) => <DataTable caption={t.list.caption} class="tickets" labelled columns={columns} rows={rows} rowKey={(tk) => tk.tid} />}
      </ListStates>
    </>
  );
}
