/**
 * An article's address from its title: umlauts written out, other accents dropped, everything
 * else a hyphen ("Größe ändern" → "groesse-aendern"). The console proposes it while an editor
 * types a title; a draft from a ticket takes it from the subject. Matches KB_SLUG_PATTERN or is "".
 */
export function slugify(text: string, max = 80): string {
  const folded = text.toLowerCase().replace(/ä/g, "ae").replace(/ö/g, "oe").replace(/ü/g, "ue").replace(/ß/g, "ss")
    .normalize("NFKD").replace(/[\u0300-\u036f]/g, "");
  return folded.replace(/[^a-z0-9]+/g, "-").replace(/^-+|-+$/g, "").slice(0, max).replace(/-+$/, "");
}
