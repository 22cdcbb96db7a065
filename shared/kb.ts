/**
 * The knowledge base's vocabulary (issue 16): written once here and imported by the schema, the
 * services, the API schemas and (later) the help center, the widget and the console.
 */
export const KB_VISIBILITIES = ["draft", "internal", "public"] as const;
export type KbVisibility = (typeof KB_VISIBILITIES)[number];

/** How a ticket came to name an article: the widget showed it, the user opened it, staff linked it. */
export const KB_TICKET_REFS = ["shown", "opened", "linked"] as const;
export type KbTicketRef = (typeof KB_TICKET_REFS)[number];

/** Where a search came from; the no-result report tells the docs team which door users knocked on. */
export const KB_SEARCH_SOURCES = ["api", "widget", "help", "console", "mail"] as const;
export type KbSearchSource = (typeof KB_SEARCH_SOURCES)[number];

/** Who reads: anonymous readers see published public articles; staff also published internal ones. */
export type KbAudience = "public" | "staff";

export const KB_LIMITS = {
  slug: 120,
  title: 200,
  body: 200_000,
  tags: 20,
  tag: 60,
  versions: 20,
  /** A user types a whole problem into the widget: long enough for that, bounded for the cost. */
  query: 2000,
  results: 20,
} as const;

/** Lower-case words joined by hyphens: what an article's URL ends in. */
export const KB_SLUG_PATTERN = /^[a-z0-9]+(?:-[a-z0-9]+)*$/;
/** A product version pattern: an exact version, a prefix ending in `.*` (`24.*`), or `*`. */
export const KB_VERSION_PATTERN = /^(?:\*|[0-9A-Za-z][0-9A-Za-z+_-]*(?:\.[0-9A-Za-z+_-]+)*(?:\.\*)?)$/;

/** An article's address in the help center (server/http/help/): no zod here, so the web pages may import it. */
export const kbArticlePath = (locale: string, slug: string) => `/help/${locale}/${slug}`;
