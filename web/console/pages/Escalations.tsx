/** Supervisors: what clients escalated (SLA 5), oldest first, each marked handled once dealt with. */
import { useEffect, useState } from "preact/hooks";
import { DataTable, type Column } from "../../shared/DataTable";
import type { OpenEscalation } from "../api";
import { formatWhen } from "../clock";
import { canSupervise, useConsole, useTitle } from "../context";
import { formatTid, levelText, statusText } from "../format";
import { errorText } from "../i18n";
import { TicketLink } from "../parts/ticket-columns";
import { ListStates } from "../../shared/ListStates";
import { Forbidden } from "./NotFound";
import { Email } from "../parts/Email";

export function Escalations() {
  const { t, api, lang, locale, announce, me } = useConsole();
  useTitle(t.escalations.title);
  const [items, setItems] = useState<OpenEscalation[] | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState<number | null>(null);

  const load = async () => {
    const r = await api.escalations();
    if (r.ok) setItems(r.data.items);
    else setError(errorText(lang, r.error));
  };
  useEffect(() => void load(), []);
  if (!canSupervise(me)) return <Forbidden />;

  const handled = async (e: OpenEscalation) => {
    setBusy(e.id);
    const r = await api.handleEscalation(e.id);
    setBusy(null);
    if (!r.ok) return setError(errorText(lang, r.error));
    announce(t.escalations.handled(formatTid(e.ticket.tid)));
    await load();
    document.querySelector<HTMLElement>("main h1")?.focus();
  };

  const columns: Column<OpenEscalation>[] = [
    {
      head: t.queue.ticket,
      cell: (e) => (
        <>
          <TicketLink tid={e.ticket.tid} />
          <span class="subject">{e.ticket.subject}</span>
          <span class="hint">{levelText(e.ticket.slaLevel, lang)} · {statusText(t, e.ticket.status)}</span>
        </>
      ),
    },
    { head: t.escalations.reason, class: "body", cell: (e) => e.reason },
    { head: t.escalations.by, class: "email", cell: (e) => <Email address={e.byEmail} /> },
    { head: t.escalations.target, cell: (e) => t.escalations.targets[e.target] ?? e.target },
    { head: t.escalations.when, cell: (e) => <time dateTime={e.createdAt}>{formatWhen(e.createdAt, locale)}</time> },
    {
      head: t.escalations.action,
      hideHead: true,
      cell: (e) => (
        <button type="button" disabled={busy === e.id} onClick={() => void handled(e)}>
          {t.escalations.mark}<span class="visually-hidden">: {formatTid(e.ticket.tid)}</span>
        </button>
      ),
    },
  ];

  return (
    <>
      <h1 tabIndex={-1}>{t.escalations.title}</h1>
      <p class="lead">{t.escalations.intro}</p>
      <ListStates items={items} error={error} loading={t.loading} empty={<p class="panel empty-state">{t.escalations.none}</p>}>
        {(rows) => <DataTable caption={t.escalations.title} columns={columns} rows={rows} rowKey={(e) => e.id} />}
      </ListStates>
    </>
  );
}
