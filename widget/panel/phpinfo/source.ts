/**
 * Gets the server configuration for SLA 4.8: what the page handed over with `Tidings.set({phpinfo})`,
 * else the tag's data-phpinfo-url, fetched with the page's own cookies. Only a same-origin URL is
 * read: the configuration belongs to the site the user is on, never to a third party.
 */
import { LIMITS } from "../../../shared/limits";
import { redactPhpinfo, type RedactedPhpinfo } from "./redact";

export type PhpinfoResult = { ok: true; phpinfo: RedactedPhpinfo } | { ok: false; reason: "origin" | "failed" | "tooLarge" };

export async function readPhpinfo(
  opts: { given?: string; url: string; pageHref: string },
  fetchFn: typeof fetch = fetch,
): Promise<PhpinfoResult> {
  let raw = opts.given;
  if (raw === undefined) {
    let target: URL;
    try {
      target = new URL(opts.url, opts.pageHref);
    } catch {
      return { ok: false, reason: "failed" };
    }
    const origin = new URL(opts.pageHref).origin;
    if (target.origin !== origin) return { ok: false, reason: "origin" };
    try {
      const res = await fetchFn(target.href, { credentials: "same-origin", headers: { Accept: "text/html, text/plain" } });
      if (!res.ok || (res.url && new URL(res.url).origin !== origin)) return { ok: false, reason: res.ok ? "origin" : "failed" };
      raw = await res.text();
    } catch {
      return { ok: false, reason: "failed" };
    }
  }
  if (!raw.trim()) return { ok: false, reason: "failed" };
  const phpinfo = redactPhpinfo(raw);
  // The form encoding sends every line end as CRLF, one byte more per line than we hold.
  const sentBytes = new TextEncoder().encode(phpinfo.text).length + (phpinfo.text.match(/\n/g)?.length ?? 0);
  if (sentBytes > LIMITS.phpinfoBytes) return { ok: false, reason: "tooLarge" };
  return { ok: true, phpinfo };
}

/** Whether this page can offer phpinfo at all: the checkbox is shown only then. */
export const phpinfoAvailable = (given: string | undefined, url: string) => given !== undefined || url.trim() !== "";
