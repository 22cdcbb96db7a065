/**
 * The whole correspondence (SLA 4.5). Every text that came from outside (subjects, messages,
 * file names) is rendered as a text node by Preact, never as markup: a message full of <script>
 * and onerror= shows as those characters, and the page's CSP (no inline script, Trusted Types)
 * would stop them even if it did not.
 */
import type { TicketAttachment, TicketMessage } from "../../shared/api";
import { formatSize, formatWhen } from "../../shared/format";
import { usePortal } from "../context";

export function AttachmentLinks({ files }: { files: TicketAttachment[] }) {
  const { t, locale } = usePortal();
  return (
    <ul class="attachments">
      {files.map((f) => (
        <li key={f.id}>
          <a href={f.url} download={f.fileName} aria-label={t.ticket.download(f.fileName, formatSize(f.size, locale))}>
            <span class="file-icon" aria-hidden="true">⤓</span>
            <span class="name">{f.fileName}</span>
          </a>{" "}
          <span class="meta">{formatSize(f.size, locale)}</span>
        </li>
      ))}
    </ul>
  );
}

export function Conversation({ messages, attachments, me }: { messages: TicketMessage[]; attachments: TicketAttachment[]; me: string | null }) {
  const { t, locale } = usePortal();
  const author = (m: TicketMessage) =>
    m.authorKind === "staff" ? t.ticket.support
    : m.authorKind === "system" ? t.ticket.system
    : m.authorEmail && m.authorEmail === me ? t.ticket.you
    : m.authorEmail ?? t.ticket.you;
  return (
    <ol class="messages">
      {messages.map((m) => {
        const files = attachments.filter((f) => m.attachmentIds.includes(f.id));
        return (
          <li key={m.id} class={`message from-${m.authorKind} kind-${m.kind}`}>
            <article aria-labelledby={`m${m.id}-head`}>
              <header id={`m${m.id}-head`} class="message-head">
                <span class="author">
                  {author(m)}
                  {m.kind in t.ticket.kind && <span class="kind"> {t.ticket.kind[m.kind as keyof typeof t.ticket.kind]}</span>}
                </span>
                <span class="when">
                  <time dateTime={m.createdAt}>{formatWhen(m.createdAt, locale)}</time>
                  {m.authorKind === "requester" && m.channel && t.ticket.via[m.channel] ? `, ${t.ticket.via[m.channel]}` : ""}
                </span>
              </header>
              <div class="body">{m.body}</div>
              {files.length > 0 && (
                <div class="message-files" role="group" aria-label={t.ticket.attachmentsOf}>
                  <AttachmentLinks files={files} />
                </div>
              )}
            </article>
          </li>
        );
      })}
    </ol>
  );
}
