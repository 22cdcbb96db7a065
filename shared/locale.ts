/**
 * The languages a ticket can speak: its mail, the widget, the portal. A ticket's locale is the
 * language of the page the client wrote it on (widget or portal), else the request's
 * Accept-Language, else the language the requester chose last time, else English.
 */
export const LOCALES = ["en", "de"] as const;
export type Locale = (typeof LOCALES)[number];

export const isLocale = (v: unknown): v is Locale => typeof v === "string" && (LOCALES as readonly string[]).includes(v);

/** "de-DE" → "de"; null when the tag is not one of ours. */
export function localeOf(tag: string | null | undefined): Locale | null {
  const lang = tag?.trim().toLowerCase().split(/[-_]/)[0];
  return isLocale(lang) ? lang : null;
}

/**
 * The first of our languages an Accept-Language header asks for (RFC 9110 §12.5.4: by weight,
 * then by order); null when it names none of them, so a French browser is not taken as a choice.
 */
export function fromAcceptLanguage(header: string | null | undefined): Locale | null {
  if (!header) return null;
  const ranked = header.split(",").map((part, i) => {
    const [tag, ...params] = part.trim().split(";");
    const q = params.map((p) => /^\s*q=([\d.]+)\s*$/i.exec(p)?.[1]).find((v) => v !== undefined);
    return { tag: tag ?? "", q: q === undefined ? 1 : Number(q), i };
  });
  ranked.sort((a, b) => b.q - a.q || a.i - b.i);
  for (const r of ranked) {
    if (!(r.q > 0)) continue;
    const l = localeOf(r.tag);
    if (l) return l;
  }
  return null;
}
