/**
 * The conversation: the original request, then every message (internal notes marked as such),
 * each with its files. Everything the client wrote is rendered as text by Preact (never as HTML),
 * so markup in a description, a mail body or a file name shows as the characters it is. Images
 * are previewed with <img> from the download URL: the server sends them as attachments with
 * nosniff and a sandboxing CSP, so an image URL can only ever be an image.
 */
import type { TicketAttachment, TicketMessage } from "../../shared/api";
import type { TicketView } from "../api";
import { formatWhen } from "../clock";
import { useConsole } from "../context";
import { channelText } from "../format";
import { formatSize } from "../../shared/format";

const IMAGE = /^image\/(png|gif|jpeg)\b/;

export function Conversation({ ticket }: { ticket: TicketView }) {
  const { t, locale } = useConsole();
  const byId = new Map(ticket.attachments.map((a) => [a.id, a]));
  const onRequest = ticket.attachments.filter((a) => a.messageId === null);
  return (
    <section class="conversation" aria-labelledby="conv-title">
      <h2 id="conv-title">{t.ticket.conversation}</h2>
      <ol class="messages">
        <li>
          <article class="message from-requester" aria-labelledby="msg-request">
            <header>
              <h3 id="msg-request">{t.ticket.request(ticket.requester.name ? `${ticket.requester.name} <${ticket.requester.email}>` : ticket.requester.email)}</h3>
              <p class="meta"><time dateTime={ticket.receivedAt}>{formatWhen(ticket.receivedAt, locale)}</time> · {t.ticket.via(channelText(t, ticket.channel))}</p>
            </header>
            <div class="body">{ticket.description}</div>
            {ticket.steps && (
              <>
                <h4>{t.ticket.steps}</h4>
                <div class="body">{ticket.steps}</div>
              </>
            )}
            <Files files={onRequest} />
          </article>
        </li>
        {ticket.messages.map((m) => (
          <li key={m.id}>
            <Message m={m} files={m.attachmentIds.map((id) => byId.get(id)).filter((a): a is TicketAttachment => Boolean(a))} requester={ticket.requester.email} />
          </li>
        ))}
      </ol>
    </section>
  );
}

function Message({ m, files, requester }: { m: TicketMessage; files: TicketAttachment[]; requester: string }) {
  const { t, locale } = useConsole();
  const who =
    m.authorKind === "staff" ? (m.authorEmail ?? "").replace(/^staff:/, "") || t.ticket.staff
    : m.authorKind === "system" ? t.ticket.system
    : (m.authorEmail ?? requester);
  const internal = m.visibility === "internal";
  const id = `msg-${m.id}`;
  return (
    <article class={`message from-${m.authorKind}${internal ? " internal" : ""}`} aria-labelledby={id}>
      <header>
        <h3 id={id}>
          {internal && <span class="badge note"><span aria-hidden="true">🔒 </span>{t.ticket.internalNote}</span>}
          {m.authorKind === "staff" && !internal ? t.ticket.replyBy(who) : who}
        </h3>
        <p class="meta"><time dateTime={m.createdAt}>{formatWhen(m.createdAt, locale)}</time> · {t.ticket.via(channelText(t, m.channel))}</p>
      </header>
      <div class="body">{m.body}</div>
      <Files files={files} />
    </article>
  );
}

function Files({ files }: { files: TicketAttachment[] }) {
  const { t, locale } = useConsole();
  if (files.length === 0) return null;
  return (
    <ul class="files" aria-label={t.ticket.attachments}>
      {files.map((f) => (
        <li key={f.id}>
          {IMAGE.test(f.contentType) && (
            <img class="thumb" src={f.url} alt={t.ticket.preview(f.fileName)} loading="lazy" />
          )}
          <a href={f.url} download={f.fileName}>{f.kind === "phpinfo" ? t.ticket.phpinfoFile : f.fileName}</a>
          <span class="hint"> ({formatSize(f.size, locale)})</span>
        </li>
      ))}
    </ul>
  );
}
