/**
 * The columns the console's ticket lists share (the queue, the breaches), written once so a
 * ticket reads the same in every list: its number as a link, the urgent mark before the subject,
 * the status badge, the times.
 */
import type { ComponentChildren } from "preact";
import type { Column } from "../../shared/DataTable";
import { Link } from "../../shared/Link";
import { formatWhen, type ClockState } from "../clock";
import { useConsole } from "../context";
import { formatTid, levelText, statusText } from "../format";
import { paths } from "../routes";
import { DueText } from "./Due";

interface TicketRow {
  tid: string;
  subject: string;
  urgent: boolean;
  slaLevel: string;
  status: string;
  receivedAt: string;
}

export function TicketLink({ tid, class: cls, onFocus }: { tid: string; class?: string; onFocus?: () => void }) {
  return <Link href={paths.ticket(tid)} class={cls} onFocus={onFocus}>{formatTid(tid)}</Link>;
}

export function useTicketColumns<R extends TicketRow>() {
  const { t, lang, locale } = useConsole();
  return {
    ticket: (link: (r: R, i: number) => { class?: string; onFocus?: () => void } = () => ({})): Column<R> => ({
      head: t.queue.ticket,
      cell: (r, i) => <TicketLink tid={r.tid} {...link(r, i)} />,
    }),
    /** `hint`: what the list says under the subject (the channel, the requester). */
    subject: (hint: (r: R) => ComponentChildren): Column<R> => ({
      head: t.queue.subject,
      cell: (r) => (
        <>
          {r.urgent && <span class="badge urgent"><span aria-hidden="true">▲ </span>{t.queue.urgent}</span>}
          <span class="subject">{r.subject}</span>
          {hint(r)}
        </>
      ),
    }),
    level: { head: t.queue.level, cell: (r) => levelText(r.slaLevel, lang) } satisfies Column<R>,
    status: { head: t.queue.status, cell: (r) => <span class={`badge s-${r.status}`}>{statusText(t, r.status)}</span> } satisfies Column<R>,
    assignee: (who: (r: R) => string | null | undefined): Column<R> => ({
      head: t.queue.assignee,
      cell: (r) => who(r) ?? <span class="muted">{t.queue.nobody}</span>,
    }),
    received: { head: t.queue.received, cell: (r) => <time dateTime={r.receivedAt}>{formatWhen(r.receivedAt, locale)}</time> } satisfies Column<R>,
    due: (which: "target" | "maximum", clock: (r: R) => ClockState): Column<R> => ({
      head: which === "target" ? t.queue.target : t.queue.maximum,
      cell: (r) => <DueText c={clock(r)} which={which} />,
    }),
  };
}
