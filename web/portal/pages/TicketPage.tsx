/**
 * One ticket: its facts (status, level, due times), the whole correspondence with attachments as
 * downloads, and what the client can do on it. Opened from the signed link in a mail (`?token=`)
 * it works without signing in; the token then goes with every action.
 */
import { useEffect, useRef, useState } from "preact/hooks";
import { formatTid } from "../../../shared/tid";
import type { TicketView } from "../../shared/api";
import { formatWhen, levelText, responseText } from "../../shared/format";
import { errorText, fieldTexts } from "../../shared/i18n";
import { linkHandler, paths } from "../../shared/router";
import { clientEmail, usePortal, useTitle } from "../context";
import { AttachmentLinks, Conversation } from "../parts/Conversation";
import { ErrorNote } from "../parts/Status";
import { CredentialsForm } from "../parts/CredentialsForm";
import { RatingForm } from "../parts/RatingForm";
import { EscalationForm, ReopenForm, ReplyForm } from "../parts/TicketActions";
import { isDone } from "../../../shared/ticket-status";

export function TicketPage({ tid, token, rate = false }: { tid: string; token: string | null; rate?: boolean }) {
  const { t, api, lang, locale, principal, now } = usePortal();
  const [view, setView] = useState<TicketView | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [flash, setFlash] = useState<string | null>(null);
  const flashRef = useRef<HTMLParagraphElement>(null);
  useTitle(view ? `${formatTid(tid)}: ${view.subject}` : formatTid(tid));

  const load = async () => {
    const r = await api.ticket(tid, token);
    if (r.ok) setView(r.data);
    else setError(r.error.code === "NOT_FOUND" ? t.ticket.notFound : errorText(lang, r.error));
  };
  useEffect(() => void load(), [tid]);
  useEffect(() => {
    if (flash) flashRef.current?.focus();
  }, [flash]);
  // The rating link in the "resolved" mail (…?rate=1) lands on the rating form.
  const rated = useRef(false);
  useEffect(() => {
    if (!rate || !view || rated.current) return;
    rated.current = true;
    const h = document.getElementById("rate-title");
    h?.scrollIntoView({ block: "start" });
    document.getElementById("rate-1")?.focus({ preventScroll: true });
  }, [view]);

  const me = clientEmail(principal);
  const signedIn = principal.kind === "client";
  // The heading stays one element from "loading" to "loaded", so the focus given to it on
  // arrival stays too.
  if (!view) {
    return (
      <>
        {signedIn && <BackLink />}
        <p class="tid-line"><span class="tid">{formatTid(tid)}</span></p>
        <h1 tabIndex={-1} class="subject">{formatTid(tid)}</h1>
        <ErrorNote message={error} />
        {!error && <p role="status">{t.loading}</p>}
      </>
    );
  }
  const done = isDone(view.status);
  // Only the person who asked rates (the server's rule); the mail link stands for them.
  const isRequester = Boolean(token) || me === view.requester.email;
  const resp = responseText(view, t, locale, now());
  const loose = view.attachments.filter((f) => f.messageId === null || !view.messages.some((m) => m.id === f.messageId));

  return (
    <>
      {signedIn && <BackLink />}
      <p class="tid-line"><span class="tid">{formatTid(view.tid)}</span> <span class={`badge s-${view.status}`}>{t.status[view.status] ?? view.status}</span>{view.urgent && <span class="badge urgent">{t.list.urgent}</span>}</p>
      <h1 tabIndex={-1} class="subject">{view.subject}</h1>
      {!signedIn && token && <p class="note">{t.ticket.openedByLink}</p>}
      <p ref={flashRef} tabIndex={-1} class={flash ? "ok" : "ok empty"} role="status">{flash ?? ""}</p>
      <div class="ticket-grid">
        <div class="ticket-main">
          <section aria-labelledby="conv-title">
            <h2 id="conv-title">{t.ticket.conversation}</h2>
            <Conversation messages={view.messages} attachments={view.attachments} me={me ?? (token ? view.requester.email : null)} />
            {loose.length > 0 && (
              <>
                <h3>{t.ticket.attachments}</h3>
                <AttachmentLinks files={loose} />
              </>
            )}
          </section>
          {/* A resolved ticket asks first for what fits it: a rating, or reopening. */}
          {done && isRequester && <RatingForm tid={view.tid} token={token} />}
          {done && <ReopenForm tid={view.tid} token={token} onReopened={(m) => { setFlash(m); void load(); }} />}
          <ReplyForm tid={view.tid} token={token} status={view.status} onChanged={() => void load()} />
        </div>
        <div class="ticket-side">
          <section class="panel facts" aria-labelledby="facts-title">
            <h2 id="facts-title">{t.ticket.facts}</h2>
            <dl>
              <dt>{t.ticket.tid}</dt>
              <dd>{formatTid(view.tid)}</dd>
              <dt>{t.ticket.status}</dt>
              <dd>{t.status[view.status] ?? view.status}</dd>
              <dt>{t.ticket.level}</dt>
              <dd>{levelText(view.slaLevel, lang)}</dd>
              <dt>{t.ticket.received}</dt>
              <dd>{formatWhen(view.receivedAt, locale)}</dd>
              <dt>{t.ticket.response}</dt>
              <dd class={resp.overdue ? "overdue" : undefined}>{resp.text}</dd>
              {view.productVersion && <><dt>{t.ticket.productVersion}</dt><dd>{view.productVersion}</dd></>}
              {view.edition && <><dt>{t.ticket.edition}</dt><dd>{fieldTexts(lang).editions[view.edition as "cloud"] ?? view.edition}</dd></>}
              {view.url && <><dt>{t.ticket.url}</dt><dd class="url">{view.url}</dd></>}
            </dl>
            {view.urgent && <p class="hint">{t.ticket.urgent}</p>}
          </section>
          <EscalationForm tid={view.tid} token={token} onChanged={() => void load()} />
          <CredentialsForm tid={view.tid} token={token} status={view.status} />
        </div>
      </div>
    </>
  );
}

function BackLink() {
  const { t } = usePortal();
  return <p class="crumbs"><a href={paths.tickets()} onClick={linkHandler(paths.tickets())}>← {t.ticket.back}</a></p>;
}
