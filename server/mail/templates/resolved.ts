/**
 * The ticket is resolved (SLA 5): ask for a rating, say how to reopen, and, when the client gave us
 * access data, remind them to change it (SLA 4.3). The reminder appears only then: a password
 * warning on every mail would teach people to skip it.
 */
import { formatTid, subjectTag } from "../../../shared/tid";
import { ticketSubject, type Locale } from "./format";
import { link, p, renderMail, strong, type Block, type RenderedMail } from "./layout";
import { greeting, signOff, ticketFooter, ticketHeader } from "./phrases";

export interface ResolvedInput {
  tid: string;
  subject: string;
  /** The rating page; it asks for a confirmation, so a link scanner opening it does not vote. */
  ratingUrl: string;
  ticketUrl: string;
  /** True when credentials were given for this ticket (and have now been destroyed). */
  hadCredentials: boolean;
  /** How long a reply still reopens the ticket; later, it opens a new one. */
  reopenDays: number;
  locale: Locale;
}

function days(n: number, locale: Locale): string {
  if (locale === "de") return n === 1 ? "eines Tages" : `von ${n} Tagen`;
  return n === 1 ? "1 day" : `${n} days`;
}

export function resolved(input: ResolvedInput): RenderedMail {
  const { tid, locale } = input;
  const de = locale === "de";
  const tag = subjectTag(tid);
  const blocks: Block[] = [
    greeting(locale),
    de ? p("wir haben Ihr Ticket ", strong(formatTid(tid)), " als gelöst markiert.") : p("We have marked your ticket ", strong(formatTid(tid)), " as resolved."),
  ];
  if (input.hadCredentials) {
    blocks.push({
      kind: "note",
      tone: "warning",
      blocks: de
        ? [
            p(strong("Bitte ändern Sie jetzt Ihre Passwörter.")),
            p(
              "Für dieses Ticket haben Sie uns Zugangsdaten übermittelt (etwa für die Administration Ihrer Website, FTP, SSH oder das Control Panel Ihres Hosters). " +
                "Da das Problem nun gelöst ist, ändern Sie bitte jedes Passwort, das Sie uns mitgeteilt haben. Die bei uns gespeicherten Zugangsdaten zu diesem Ticket haben wir vernichtet.",
            ),
            p("Nach dem Abschluss des Tickets können wir keine Verantwortung für Ihr Projekt und den Zugang dazu übernehmen."),
          ]
        : [
            p(strong("Please change your passwords now.")),
            p(
              "For this ticket you gave us access data (for example for your site's administration, FTP, SSH or your hosting control panel). " +
                "Now that the problem is resolved, please change every password you gave us. We have destroyed the access data stored with this ticket.",
            ),
            p("Once the ticket is closed, we cannot be responsible for your project or for access to it."),
          ],
    });
  }
  blocks.push(
    { kind: "heading", text: de ? "Wie zufrieden waren Sie?" : "How did we do?" },
    de
      ? p("Bitte bewerten Sie unseren Service. Der Link öffnet eine Seite, auf der Sie Ihre Bewertung bestätigen; allein durch das Öffnen wird nichts gespeichert.")
      : p("Please rate our service. The link opens a page where you confirm your rating; opening it alone records nothing."),
    { kind: "button", href: input.ratingUrl, label: de ? "Service bewerten" : "Rate our service" },
    { kind: "heading", text: de ? "Doch nicht gelöst?" : "Not solved after all?" },
    de
      ? p(
          `Falls das Ticket zu früh geschlossen wurde, antworten Sie innerhalb ${days(input.reopenDays, locale)} auf diese E-Mail (mit ${tag} im Betreff) oder `,
          link(input.ticketUrl, "öffnen Sie das Ticket erneut"),
          ". Danach eröffnet eine Antwort ein neues Ticket, das auf dieses verweist.",
        )
      : p(
          `If the ticket was closed too early, reply to this mail within ${days(input.reopenDays, locale)} (keeping ${tag} in the subject) or `,
          link(input.ticketUrl, "reopen the ticket"),
          ". After that, a reply opens a new ticket that refers to this one.",
        ),
    signOff(locale),
  );
  return renderMail({
    locale,
    subject: ticketSubject(tid, input.subject, locale, de ? "Gelöst" : "Resolved"),
    preheader: de ? `Ihr Ticket ${formatTid(tid)} ist gelöst.` : `Your ticket ${formatTid(tid)} is resolved.`,
    header: ticketHeader(tid),
    blocks,
    footer: ticketFooter(tid, locale),
  });
}
