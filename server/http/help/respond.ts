import type { Context } from "hono";
import { getCookie, setCookie } from "hono/cookie";
import { fromAcceptLanguage, isLocale, type Locale } from "../../../shared/locale";
import type { Deps } from "../../deps";
import { ApiError } from "../../errors";
import type { Html } from "./layout";
import { noticePage, type Site } from "./pages";
import { helpStyle } from "./style";

/**
 * How the help center's pages leave: their headers, the reader's language, and the one
 * "not found" / "refused" page. The pages carry no script at all (script-src 'none'); images in
 * articles may come from any https address, since authors link them. Referrer-Policy is
 * same-origin, not no-referrer: with no-referrer a browser sends `Origin: null` with the vote's
 * form, and the same-origin check (routes.ts) would refuse every reader.
 */
export const HELP_CSP = [
  "default-src 'none'", "script-src 'none'", "style-src 'self'", "img-src 'self' https: data:", "form-action 'self'",
  "base-uri 'none'", "frame-ancestors 'none'", "object-src 'none'",
].join("; ");

/** The reader's language choice: the language they read last (set by the pages, read by /help/). */
export const LANG_COOKIE = "tidings_help_lang";
export const YEAR_SECONDS = 365 * 24 * 3600;

export interface Responder {
  site(): Site;
  secure: boolean;
  /** The language the reader chose (read last), else their browser's, else English. */
  chosen(c: Context): Locale;
  /** A page; `locale` also remembers it as the reader's choice. */
  send(c: Context, body: Html, status?: 200 | 403 | 404, locale?: Locale): Promise<Response>;
  /** The address's `:locale`; anything but one of ours is "not found". */
  localeOf(c: Context): Locale;
  notice(c: Context, kind: "notFound" | "refused"): Promise<Response>;
}

export function responder(deps: Pick<Deps, "config">): Responder {
  const secure = deps.config.publicUrl.startsWith("https:");
  const site = () => ({ publicUrl: deps.config.publicUrl, styleHref: helpStyle().href });
  const chosen = (c: Context): Locale => {
    const saved = getCookie(c, LANG_COOKIE);
    return isLocale(saved) ? saved : fromAcceptLanguage(c.req.header("accept-language")) ?? "en";
  };
  const send = async (c: Context, body: Html, status: 200 | 403 | 404 = 200, locale?: Locale) => {
    if (locale && getCookie(c, LANG_COOKIE) !== locale) setCookie(c, LANG_COOKIE, locale, { path: "/help", sameSite: "Lax", secure, maxAge: YEAR_SECONDS });
    return c.html(await body, status, {
      "Content-Security-Policy": HELP_CSP, "Cache-Control": "no-cache", "X-Content-Type-Options": "nosniff", "Referrer-Policy": "same-origin",
    });
  };
  const localeOf = (c: Context): Locale => {
    const l = c.req.param("locale");
    if (!isLocale(l)) throw new ApiError("NOT_FOUND", "There is no help center in this language.");
    return l;
  };
  const notice = (c: Context, kind: "notFound" | "refused") => {
    const first = c.req.path.split("/")[2];
    const locale = isLocale(first) ? first : chosen(c);
    return send(c, noticePage(site(), locale, kind, c.req.path), kind === "notFound" ? 404 : 403);
  };
  return { site, secure, chosen, send, localeOf, notice };
}
