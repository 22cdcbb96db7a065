/**
 * What the console's full-text search indexes for a ticket (tickets.search_text, tickets_fts_idx):
 * the subject and what the requester wrote. Quoted lines are left out because in mail they repeat
 * earlier mail (often a whole thread), which makes to_tsvector over the description the largest
 * cost of mail intake while adding no words worth finding; the cap bounds that cost for any ticket.
 * Migration 0006 backfills old rows with an SQL approximation of this; keep the two in step.
 */
export const SEARCH_TEXT_MAX = 4000;

/** A line whose first non-blank character is ">": a quote of earlier mail. */
const QUOTED = /^\s*>/;

export function searchText(subject: string, description: string): string {
  const own = description
    .split(/\r\n?|\n/)
    .filter((line) => !QUOTED.test(line))
    .join(" ")
    .replace(/\s+/g, " ")
    .trim();
  return cut(`${subject}\n${own}`, SEARCH_TEXT_MAX);
}

/** At most `max` UTF-16 units, never ending on the first half of a surrogate pair. */
function cut(s: string, max: number): string {
  if (s.length <= max) return s;
  const last = s.charCodeAt(max - 1);
  return s.slice(0, last >= 0xd800 && last <= 0xdbff ? max - 1 : max);
}
