/**
 * The notification of SLA 4.4/4.5 and CONTRACT §7: the ticket exists, under this TID and level, with
 * this response due time. It also carries the checklist of SLA 4.2, because the cheapest moment to
 * ask for missing facts is before anyone has read the ticket.
 */
import type { ErrorCode } from "../../../shared/error-codes";
import type { SlaLevelId } from "../../../shared/sla";
import { formatTid } from "../../../shared/tid";
import { cleanSubject, oneLine, ticketSubject, type Locale } from "./format";
import { link, p, renderMail, strong, type Block, type Inline, type RenderedMail } from "./layout";
import { dueInWords, greeting, keepTid, levelInWords, signOff, ticketFooter, ticketHeader } from "./phrases";

export interface RefusedAttachment {
  name: string;
  /** Why, in words; shown when `code` is absent or not an attachment code. */
  reason: string;
  /** The ApiError code of the refusal; when it is an attachment code, its text in the mail's language wins. */
  code?: ErrorCode;
}

export interface AcknowledgementInput {
  tid: string;
  subject: string;
  levelId: SlaLevelId;
  /** Null while the clock is paused. */
  dueAt: Date | null;
  /** The zone of the ticket's calendar, e.g. "Europe/Berlin". */
  timeZone: string;
  ticketUrl: string;
  refusedAttachments?: readonly RefusedAttachment[];
  locale: Locale;
  /** Public help center articles that match the request (issue 16), best first; at most three are listed. */
  articles?: readonly AckArticle[];
}

/** An article the acknowledgement suggests: its title and the absolute URL of its help center page. */
export interface AckArticle { title: string; url: string }

const ACCEPTED_TYPES = { en: "PNG, GIF, JPEG, or inside a ZIP or RAR archive", de: "PNG, GIF, JPEG oder in einem ZIP- bzw. RAR-Archiv" };

const REFUSAL_TEXT: Partial<Record<ErrorCode, Record<Locale, string>>> = {
  BMP_NOT_ARCHIVED: {
    en: "BMP images are accepted only inside a ZIP or RAR archive.",
    de: "BMP-Bilder nehmen wir nur in einem ZIP- oder RAR-Archiv an.",
  },
  UNSUPPORTED_ATTACHMENT: {
    en: "We do not accept this type of file (judged by its contents, not its name).",
    de: "Diesen Dateityp nehmen wir nicht an (maßgeblich ist der Inhalt, nicht der Dateiname).",
  },
  ATTACHMENT_TOO_LARGE: {
    en: "The file is larger than we accept for a single attachment.",
    de: "Die Datei ist größer, als wir für einen einzelnen Anhang annehmen.",
  },
  TOO_MANY_ATTACHMENTS: {
    en: "The mail had more attachments than a ticket can carry.",
    de: "Die E-Mail hatte mehr Anhänge, als ein Ticket aufnehmen kann.",
  },
  ARCHIVE_REJECTED: {
    en: "The archive contains files we do not accept, or could not be checked.",
    de: "Das Archiv enthält Dateien, die wir nicht annehmen, oder ließ sich nicht prüfen.",
  },
};

function refusalReason(file: RefusedAttachment, locale: Locale): string {
  const known = file.code ? REFUSAL_TEXT[file.code] : undefined;
  return known ? known[locale] : oneLine(file.reason, 300);
}

const TEXT = {
  en: {
    intro: (tid: string): Inline[] => ["Thank you for your request. We have registered it as ticket ", strong(formatTid(tid)), " and will take care of it according to the service level assigned to it."],
    ticket: "Ticket",
    subject: "Subject",
    level: "Service level",
    due: "Response due",
    refusedIntro: "Some attachments were not accepted. Your ticket has been registered all the same, without these files:",
    refusedAgain: `If we need them, please send them again in a format we accept (${ACCEPTED_TYPES.en}) by replying to this mail.`,
    checklistHeading: "What helps us resolve your request faster",
    checklist: [
      "A description of the problem and, if possible, the steps to reproduce it",
      "The URL of the site where the problem occurs",
      "The version number and the edition of the product",
      "For problems on your server: its configuration (phpinfo), and the browser you use with its version",
    ],
    checklistMissing: "If any of this is missing from your request, simply reply to this mail with it.",
    follow: "Follow your ticket",
    articlesHeading: "These articles may already answer your question",
    articlesNote: "If one of them solves the problem, reply to this mail to let us know and we will close the ticket.",
    preheader: (tid: string) => `Your request is registered as ${formatTid(tid)}.`,
  },
  de: {
    intro: (tid: string): Inline[] => ["vielen Dank für Ihre Anfrage. Wir haben sie als Ticket ", strong(formatTid(tid)), " registriert und bearbeiten sie gemäß dem ihr zugewiesenen Service-Level."],
    ticket: "Ticket",
    subject: "Betreff",
    level: "Service-Level",
    due: "Antwort fällig",
    refusedIntro: "Einige Anhänge konnten wir nicht annehmen. Ihr Ticket wurde dennoch registriert, nur ohne diese Dateien:",
    refusedAgain: `Falls wir sie benötigen, senden Sie sie bitte in einem Format, das wir annehmen (${ACCEPTED_TYPES.de}), als Antwort auf diese E-Mail erneut.`,
    checklistHeading: "Damit wir Ihre Anfrage schneller lösen können",
    checklist: [
      "Eine Beschreibung des Problems und, wenn möglich, die Schritte, mit denen es sich nachvollziehen lässt",
      "Die URL der Website, auf der das Problem auftritt",
      "Die Versionsnummer und die Edition des Produkts",
      "Bei Problemen auf Ihrem Server: dessen Konfiguration (phpinfo) sowie Ihr Browser und dessen Version",
    ],
    checklistMissing: "Falls etwas davon in Ihrer Anfrage fehlt, antworten Sie einfach mit den fehlenden Angaben auf diese E-Mail.",
    follow: "Ticket verfolgen",
    articlesHeading: "Diese Artikel beantworten Ihre Frage vielleicht schon",
    articlesNote: "Falls einer davon das Problem löst, antworten Sie kurz auf diese E-Mail, dann schließen wir das Ticket.",
    preheader: (tid: string) => `Ihre Anfrage ist als ${formatTid(tid)} registriert.`,
  },
} satisfies Record<Locale, unknown>;

export function acknowledgement(input: AcknowledgementInput): RenderedMail {
  const { tid, locale } = input;
  const t = TEXT[locale];
  const refused = input.refusedAttachments ?? [];
  const blocks: Block[] = [
    greeting(locale),
    p(...t.intro(tid)),
    {
      kind: "facts",
      rows: [
        [t.ticket, [strong(formatTid(tid))]],
        [t.subject, [cleanSubject(input.subject, locale)]],
        [t.level, [levelInWords(input.levelId, locale)]],
        [t.due, [dueInWords(input.dueAt, input.timeZone, locale)]],
      ],
    },
  ];
  if (refused.length > 0) {
    blocks.push({
      kind: "note",
      tone: "warning",
      blocks: [
        p(t.refusedIntro),
        { kind: "list", items: refused.map((file): Inline[] => [strong(oneLine(file.name)), `: ${refusalReason(file, locale)}`]) },
        p(t.refusedAgain),
      ],
    });
  }
  const articles = (input.articles ?? []).slice(0, 3);
  if (articles.length > 0) {
    blocks.push(
      { kind: "heading", text: t.articlesHeading },
      { kind: "list", items: articles.map((a): Inline[] => [link(a.url, oneLine(a.title, 200))]) },
      p(t.articlesNote),
    );
  }
  blocks.push(
    { kind: "heading", text: t.checklistHeading },
    { kind: "list", items: t.checklist.map((item) => [item]) },
    p(t.checklistMissing),
    keepTid(tid, locale),
    { kind: "button", href: input.ticketUrl, label: t.follow },
    signOff(locale),
  );
  return renderMail({
    locale,
    subject: ticketSubject(tid, input.subject, locale),
    preheader: t.preheader(tid),
    header: ticketHeader(tid),
    blocks,
    footer: ticketFooter(tid, locale),
  });
}
