import type { Locale } from "../../../shared/locale";

/**
 * The words of a text as search sees them. German is folded so that "Größe", "Groesse" and
 * "Grosse" meet: the drivers' german stemmers disagree on ae/oe/ue (PGlite's newer Snowball folds
 * them, Postgres 15's does not), so the fold happens here, the same for articles and queries.
 */
export function fold(text: string, locale: Locale): string {
  const lower = text.toLowerCase().normalize("NFC");
  if (locale !== "de") return lower;
  return lower.replace(/ß/g, "ss").replace(/ä|(?<!q)ae/g, "a").replace(/ö|oe/g, "o").replace(/ü|(?<!q)ue/g, "u");
}

/** Letters and digits, with inner dots/hyphens kept apart: "php-fpm" → php, fpm. */
export function words(text: string): string[] {
  return text.match(/[\p{L}\p{N}]+/gu) ?? [];
}

const MIN_PART = 4;
/** Compounds shorter than this are rarely compounds. */
const MIN_COMPOUND = 10;

/**
 * The candidate parts of a German compound ("zertifikatsverlangerung" → zertifikat, verlangerung,
 * …): every split with both sides at least four letters, a linking s dropped. Most candidates are
 * nonsense; the index keeps them at the lowest weight and the query side keeps only the parts that
 * are words of the articles, so nonsense never matches anything.
 */
export function compoundParts(word: string): string[] {
  if (word.length < MIN_COMPOUND || /\d/.test(word)) return [];
  const parts = new Set<string>();
  for (let i = MIN_PART; i <= word.length - MIN_PART; i++) {
    const head = word.slice(0, i);
    parts.add(head);
    if (head.endsWith("s") && head.length > MIN_PART) parts.add(head.slice(0, -1));
    parts.add(word.slice(i));
  }
  return [...parts];
}

/** The text of compound parts an article adds to its index (German only). */
export function compoundText(text: string, locale: Locale): string {
  if (locale !== "de") return "";
  return [...new Set(words(fold(text, locale)).flatMap(compoundParts))].join(" ");
}
