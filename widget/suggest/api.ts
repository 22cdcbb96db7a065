/**
 * The suggestions chunk's requests to the knowledge base (GET search, GET one article, POST a
 * deflection). Without credentials: the widget reads what an anonymous reader may, on any page,
 * even on Tidings' own origin where a staff session could otherwise reveal internal articles.
 */
import type { z } from "zod";
import type { KbArticleRead, kbArticleReadSchema, kbSearchResponseSchema } from "../../shared/api/kb";
import type { Suggestion } from "./model";

export interface KbClient {
  search(q: string, filter: { locale: string; edition?: string; version?: string }, signal: AbortSignal): Promise<Suggestion[]>;
  article(locale: string, slug: string): Promise<KbArticleRead>;
  deflected(locale: string, slug: string): Promise<void>;
}

export function kbClient(apiBase: string, siteKey: string, fetcher: typeof fetch = fetch): KbClient {
  const url = (path: string) => new URL(`api/v1/kb/${path}`, apiBase).href;
  // The answer's type is the route's response schema (no zod in the bundle: types only).
  const read = async <S extends z.ZodType>(res: Response): Promise<z.output<S>> => {
    if (!res.ok) throw new Error(`HTTP ${res.status}`);
    const body: unknown = await res.json();
    return body as z.output<S>;
  };
  return {
    async search(q, f, signal) {
      const p = new URLSearchParams({ q: q.slice(0, 2000), locale: f.locale, limit: "3" });
      if (f.edition) p.set("edition", f.edition);
      if (f.version) p.set("version", f.version);
      return (await read<typeof kbSearchResponseSchema>(await fetcher(url(`search?${p}`), { signal, credentials: "omit" }))).results;
    },
    async article(locale, slug) {
      return read<typeof kbArticleReadSchema>(await fetcher(url(`articles/${locale}/${encodeURIComponent(slug)}`), { credentials: "omit" }));
    },
    async deflected(locale, slug) {
      await fetcher(url("deflections"), {
        method: "POST",
        credentials: "omit",
        headers: { "Content-Type": "application/json", "X-Tidings-Site": siteKey },
        body: JSON.stringify({ slug, locale }),
      });
    },
  };
}
