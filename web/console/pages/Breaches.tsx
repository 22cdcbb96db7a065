/** Supervisors: tickets whose maximum response time passed without an answer, with their assignee. */
import { useEffect, useState } from "preact/hooks";
import { DataTable } from "../../shared/DataTable";
import type { BreachedTicket } from "../api";
import { clockState } from "../clock";
import { canSupervise, useConsole, useTitle } from "../context";
import { errorText } from "../i18n";
import { useTicketColumns } from "../parts/ticket-columns";
import { ListStates } from "../../shared/ListStates";
import { Forbidden } from "./NotFound";
import { Email } from "../parts/Email";

export function Breaches() {
  const { t, api, lang, now, me } = useConsole();
  useTitle(t.breaches.title);
  const col = useTicketColumns<BreachedTicket>();
  const [items, setItems] = useState<BreachedTicket[] | null>(null);
  const [error, setError] = useState<string | null>(null);
  useEffect(() => {
    void api.breaches().then((r) => (r.ok ? setItems(r.data.items) : setError(errorText(lang, r.error))));
  }, []);
  if (!canSupervise(me)) return <Forbidden />;
  const at = now();
  const columns = [
    col.ticket(),
    col.subject((b) => <span class="hint email"><Email address={b.requesterEmail} /></span>),
    col.level,
    col.status,
    col.assignee((b) => b.assignee?.email),
    col.received,
    col.due("maximum", (b) => clockState({ ...b, firstResponseAt: b.firstResponseAt }, at)),
  ];
  return (
    <>
      <h1 tabIndex={-1}>{t.breaches.title}</h1>
      <p class="lead">{t.breaches.intro}</p>
      <ListStates items={items} error={error} loading={t.loading} empty={<p class="panel empty-state">{t.breaches.none}</p>}>
        {(rows) => <DataTable caption={t.breaches.title} columns={columns} rows={rows} rowKey={(b) => b.tid} rowAttrs={() => ({ class: "row-breach" })} />}
      </ListStates>
    </>
  );
}
