/**
 * One ticket as staff work it: the conversation with notes and previews on the left; details,
 * the SLA, the actions and handed-over logins on the right; the phpinfo table, the browser
 * details and the history below. After every action the ticket, its SLA and its history are
 * read again, so what the page shows is what the server now holds. r reply, n note, i request
 * information, a assign to me, u back to the queue.
 */
import { useEffect, useState } from "preact/hooks";
import { linkHandler, navigate } from "../../shared/router";
import type { CredentialListed, PhpinfoSection, SlaExplanation, TicketEvent, TicketView } from "../api";
import { formatWhen } from "../clock";
import { useConsole, useTitle } from "../context";
import { channelText, formatTid, levelText, statusText } from "../format";
import { errorText, type Lang } from "../i18n";
import { paths } from "../routes";
import { useShortcuts } from "../shortcuts";
import { Composer, type ComposeMode } from "../parts/Composer";
import { Conversation } from "../parts/Conversation";
import { Credentials } from "../parts/Credentials";
import { EnvironmentPanel } from "../parts/Environment";
import { History } from "../parts/History";
import { ErrorNote } from "../parts/Notes";
import { Phpinfo } from "../parts/Phpinfo";
import { RequestInfo } from "../parts/RequestInfo";
import { SeenArticles } from "../parts/SeenArticles";
import { SlaPanel } from "../parts/SlaPanel";
import { AssignForm, LevelForm, StatusForm } from "../parts/TicketActions";
import { isDone } from "../../../shared/ticket-status";
import { DraftArticleButton } from "../parts/DraftArticleButton";

type Ticket = TicketView;

export function TicketPage({ tid }: { tid: string }) {
  const { t, api, lang, locale, announce, pollMs } = useConsole();
  const [ticket, setTicket] = useState<Ticket | null>(null);
  const [missing, setMissing] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const [events, setEvents] = useState<TicketEvent[] | null>(null);
  const [sla, setSla] = useState<SlaExplanation | null>(null);
  const [php, setPhp] = useState<PhpinfoSection[] | null | "none">(null);
  const [creds, setCreds] = useState<CredentialListed[] | null>(null);
  const [compose, setCompose] = useState<{ mode: ComposeMode; n: number }>({ mode: "public", n: 0 });
  const [askN, setAskN] = useState(0);
  const [assignMeN, setAssignMeN] = useState(0);
  useTitle(ticket ? `${formatTid(tid)} ${ticket.subject}` : formatTid(tid));

  const loadTicket = async () => {
    const r = await api.ticket(tid);
    if (r.ok) {
      setTicket(r.data);
      setError(null);
      return r.data;
    }
    if (r.error.status === 404) setMissing(true);
    else setError(errorText(lang, r.error));
    return null;
  };
  const loadSide = async () => {
    const [e, s, c] = await Promise.all([api.events(tid), api.sla(tid), api.credentials(tid)]);
    setEvents(e.ok ? e.data.items : []);
    setSla(s.ok ? s.data : null);
    setCreds(c.ok ? c.data.items : []);
  };
  const reload = () => Promise.all([loadTicket(), loadSide()]);

  useEffect(() => {
    void loadTicket().then((t) => {
      // Only a ticket that has a server configuration asks for it: no 404 for every other ticket.
      if (!t) return;
      if (t.attachments.some((a) => a.kind === "phpinfo")) void api.phpinfo(tid).then((r) => setPhp(r.ok ? r.data.sections : "none"));
      else setPhp("none");
    });
    void loadSide();
    // The client may answer while the page is open; keep the clock and conversation current.
    const timer = setInterval(() => !document.hidden && void reload(), Math.max(pollMs * 3, 5_000));
    return () => clearInterval(timer);
  }, [tid]);

  const done = (message: string) => {
    announce(message);
    void reload();
  };

  useShortcuts({
    r: () => setCompose((c) => ({ mode: "public", n: c.n + 1 })),
    n: () => setCompose((c) => ({ mode: "internal", n: c.n + 1 })),
    i: () => setAskN((n) => n + 1),
    a: () => setAssignMeN((n) => n + 1),
    u: () => navigate(paths.queue()),
  });

  const back = <p class="crumbs"><a href={paths.queue()} onClick={linkHandler(paths.queue())}><span aria-hidden="true">← </span>{t.ticket.back}</a> <kbd aria-hidden="true">u</kbd></p>;
  if (missing) {
    return (
      <>
        {back}
        <h1 tabIndex={-1}>{formatTid(tid)}</h1>
        <p class="alert" role="alert">{t.ticket.notFound}</p>
      </>
    );
  }
  if (!ticket) {
    return (
      <>
        {back}
        <h1 tabIndex={-1}>{formatTid(tid)}</h1>
        <ErrorNote message={error} />
        {!error && <p role="status">{t.loading}</p>}
      </>
    );
  }
  const closed = isDone(ticket.status);
  const assignee = ticket.assignee !== undefined ? ticket.assignee : lastAssignee(events);
  const clientLang: Lang | null = ticket.locale === "de" || ticket.locale === "en" ? ticket.locale : null;
  return (
    <>
      <div class="page-head ticket-head">
        <div>
          {back}
          <h1 tabIndex={-1}><span class="tid">{formatTid(ticket.tid)}</span> <span class="subject">{ticket.subject}</span></h1>
          <p class="badges">
            <span class={`badge s-${ticket.status}`}>{statusText(t, ticket.status)}</span>
            {ticket.urgent && <span class="badge urgent"><span aria-hidden="true">▲ </span>{t.queue.urgent}</span>}
            <span class="badge level">{levelText(ticket.slaLevel, lang)}</span>
          </p>
        </div>
      </div>
      <ErrorNote message={error} />
      <div class="ticket-grid">
        <div class="main-col">
          <Conversation ticket={ticket} />
          <Composer tid={tid} closed={closed} request={compose} onDone={() => void reload()} locale={clientLang ?? undefined} />
          <Phpinfo sections={php} />
          <EnvironmentPanel environment={ticket.environment} />
          <History events={events} />
        </div>
        <div class="side-col">
          <section class="panel" aria-labelledby="facts-title">
            <h2 id="facts-title">{t.ticket.details}</h2>
            <dl class="facts">
              <div><dt>{t.ticket.requester}</dt><dd class="email">{ticket.requester.name ? `${ticket.requester.name} <${ticket.requester.email}>` : ticket.requester.email}</dd></div>
              <div><dt>{t.ticket.channel}</dt><dd>{channelText(t, ticket.channel)}</dd></div>
              <div><dt>{t.ticket.received}</dt><dd><time dateTime={ticket.receivedAt}>{formatWhen(ticket.receivedAt, locale)}</time></dd></div>
              {ticket.productVersion && <div><dt>{t.ticket.productVersion}</dt><dd>{ticket.productVersion}</dd></div>}
              {ticket.edition && <div><dt>{t.ticket.edition}</dt><dd>{t.ticket.editions[ticket.edition] ?? ticket.edition}</dd></div>}
              {/* Shown as text, not a link: a client-supplied address may be javascript: or a trap. */}
              {ticket.url && <div><dt>{t.ticket.url}</dt><dd class="url">{ticket.url}</dd></div>}
            </dl>
          </section>
          <SeenArticles ticket={ticket} />
          <SlaPanel ticket={ticket} sla={sla} />
          <section class="panel actions-panel" aria-labelledby="actions-title">
            <h2 id="actions-title">{t.ticket.actions}</h2>
            <AssignForm tid={tid} assignee={assignee} onDone={done} assignMeN={assignMeN} />
            <RequestInfo tid={tid} clientLang={clientLang} disabled={closed} focusN={askN} onDone={done} />
            <LevelForm tid={tid} level={ticket.slaLevel} handOver={sla?.developmentHandOver} onDone={done} />
            <StatusForm tid={tid} status={ticket.status} onDone={done} />
            {closed && <DraftArticleButton tid={tid} />}
          </section>
          <Credentials tid={tid} items={creds} onRevealed={() => void loadSide()} />
        </div>
      </div>
    </>
  );
}

/** The ticket view may not carry the assignee; the latest assignment in the history says it. */
function lastAssignee(events: TicketEvent[] | null): string | null {
  const last = events?.filter((e): e is Extract<TicketEvent, { type: "assigned" }> => e.type === "assigned").pop();
  return last?.data.to ?? null;
}
