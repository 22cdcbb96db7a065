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
  const { t } = useConsole();
  const byId = new Map(ticket.attachments.map((a) => [a.id, a]));
  // Files stored without a message (none today) belong to the request, the first message.
  const loose = ticket.attachments.filter((a) => a.messageId === null);
  const filesOf = (m: TicketMessage, first: boolean) => [
    ...m.attachmentIds.map((id) => byId.get(id)).filter((a): a is TicketAttachment => Boolean(a)),
    ...(first ? loose : []),
  ];
  return (
    <section class="conversation" aria-labelledby="conv-title">
      <h2 id="conv-title">{t.ticket.conversation}</h2>
      <ol class="messages">
        {ticket.messages.map((m, i) => (
          <li key={m.id}>
            <Message m={m} files={filesOf(m, i === 0)} requester={ticket.requester} first={i === 0} />
          </li>
        ))}
      </ol>
    </section>
  );
}

function Message({ m, files, requester, first }: { m: TicketMessage; files: TicketAttachment[]; requester: TicketView["requester"]; first: boolean }) {
  const { t, locale } = useConsole();
  const client = (email: string) => (requester.name && email === requester.email ? `${requester.name} <${email}>` : email);
  const who =
    m.authorKind === "staff" ? (m.authorEmail ?? "").replace(/^staff:/, "") || t.ticket.staff
    : m.authorKind === "system" ? t.ticket.system
    : client(m.authorEmail ?? requester.email);
  const internal = m.visibility === "internal";
  const id = `msg-${m.id}`;
  const heading =
    m.kind in t.ticket.kindBy ? t.ticket.kindBy[m.kind as keyof typeof t.ticket.kindBy](who)
    : m.authorKind === "staff" && !internal ? t.ticket.replyBy(who)
    : first && m.authorKind === "requester" ? t.ticket.request(who)
    : who;
  return (
    <article class={`message from-${m.authorKind} kind-${m.kind}${internal ? " internal" : ""}`} aria-labelledby={id}>
      <header>
        <h3 id={id}>
          {internal && <span class="badge internal-badge">{m.kind === "rating" ? t.ticket.staffOnly : t.ticket.internalNote}</span>}
          {heading}
        </h3>
        <p class="meta">
          <time dateTime={m.createdAt}>{formatWhen(m.createdAt, locale)}</time>
          {m.authorKind === "requester" && ` · ${t.ticket.via(channelText(t, m.channel ?? ""))}`}
        </p>
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
