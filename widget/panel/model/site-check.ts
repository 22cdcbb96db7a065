/**
 * Asked once when the dialog first opens: may this page send reports? The answers that no report
 * from this page can change are the site's refusals; anything else (offline, a proxy's error page)
 * is left to the send, which knows how to wait and retry.
 */
const REFUSALS = ["ORIGIN_NOT_ALLOWED", "SITE_UNKNOWN", "SITE_DISABLED"];

export async function checkSite(apiBase: string, siteKey: string): Promise<string | null> {
  try {
    const res = await fetch(new URL(`api/v1/widget/config?site=${encodeURIComponent(siteKey)}`, apiBase).href, { credentials: "omit" });
    if (res.ok) return null;
    // The error body (shared/api/error-body) narrowed by hand: zod would not fit the dialog chunk.
    const body: unknown = await res.json();
    const error: unknown = typeof body === "object" && body && "error" in body ? body.error : null;
    const code: unknown = typeof error === "object" && error && "code" in error ? error.code : null;
    return typeof code === "string" && REFUSALS.includes(code) ? code : null;
  } catch {
    return null;
  }
}
