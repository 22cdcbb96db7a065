/**
 * What the client read before writing (issue 16, SLA 1.2): the knowledge base articles the widget
 * suggested while they described the problem, the ones they opened marked, and the documentation
 * link they gave. Staff then answer from there instead of repeating the article.
 */
import type { TicketView } from "../../../shared/api/ticket-view";
import { KB_REF_TEXTS } from "../../../shared/i18n/suggestions";
import { useConsole } from "../context";

export function SeenArticles({ ticket }: { ticket: Pick<TicketView, "kbArticles" | "docLink"> }) {
  const { lang } = useConsole();
  const t = KB_REF_TEXTS[lang];
  const seen = (ticket.kbArticles ?? []).filter((a) => a.shown || a.opened);
  if (!seen.length && !ticket.docLink) return null;
  return (
    <section class="panel" aria-labelledby="kb-seen-title">
      <h2 id="kb-seen-title">{t.seenTitle}</h2>
      {seen.length > 0 && (
        <ul class="kb-seen">
          {seen.map((a) => (
            <li key={`${a.locale}/${a.slug}`}>
              <a href={a.url} target="_blank" rel="noopener">{a.title}</a>
              {a.opened && <> <span class="badge">{t.opened}</span></>}
            </li>
          ))}
        </ul>
      )}
      {ticket.docLink && (
        <dl class="facts">
          {/* Shown as text, not a link: a client-supplied address may be a trap. */}
          <div><dt>{t.readFirst}</dt><dd class="url">{ticket.docLink}</dd></div>
        </dl>
      )}
    </section>
  );
}
