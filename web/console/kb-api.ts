/**
 * The console's knowledge base calls (issue 16, "Staff"), on the console client's `call`: the
 * article list and editor, the preview, the draft from a ticket, and the search the composer's
 * article links use. Spread into the console API (api.ts), so pages reach them as `api.kb…`.
 */
import type { z } from "zod";
import type { kbArticleDetailSchema, kbArticleListSchema, kbPreviewResultSchema, KbArticleWrite, KbStaffListQuery } from "../../shared/api/kb-staff";
import type { kbSearchResponseSchema } from "../../shared/api/kb";
import type { Client } from "../shared/client";

export type KbArticleListed = z.output<typeof kbArticleListSchema>["items"][number];
export type KbArticleDetail = z.output<typeof kbArticleDetailSchema>;
export type KbSearchHit = z.output<typeof kbSearchResponseSchema>["results"][number];
export type { KbArticleWrite, KbStaffListQuery };

const qs = (params: Record<string, string | number | undefined>) => {
  const q = new URLSearchParams();
  for (const [k, v] of Object.entries(params)) if (v !== undefined && v !== "") q.set(k, String(v));
  const s = q.toString();
  return s ? `?${s}` : "";
};

export function kbConsoleApi(call: Client["call"]) {
  return {
    kbArticles: (filter: KbStaffListQuery = {}) => call<typeof kbArticleListSchema>("GET", `/kb/articles${qs(filter)}`),
    kbArticle: (id: number) => call<typeof kbArticleDetailSchema>("GET", `/kb/articles/${id}`),
    createKbArticle: (input: KbArticleWrite) => call<typeof kbArticleDetailSchema>("POST", "/kb/articles", { json: input }),
    updateKbArticle: (id: number, input: KbArticleWrite) => call<typeof kbArticleDetailSchema>("PUT", `/kb/articles/${id}`, { json: input }),
    previewKbArticle: (body: string) => call<typeof kbPreviewResultSchema>("POST", "/kb/articles/preview", { json: { body } }),
    draftKbArticle: (tid: string) => call<typeof kbArticleDetailSchema>("POST", `/kb/articles/from-ticket/${encodeURIComponent(tid)}`, { json: {} }),
    kbSearch: (q: string, locale: string, limit = 8) => call<typeof kbSearchResponseSchema>("GET", `/kb/search${qs({ q, locale, limit })}`),
  };
}
