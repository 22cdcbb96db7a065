/**
 * The browser environment as it is sent (CONTRACT §9, SLA 4.2): the loader's trail of errors and
 * failed requests plus what the browser says about itself, redacted with phpinfo's rules
 * (phpinfo/redact.ts) and cut to the server's limits. Redaction comes before cutting, so a cut
 * never leaves half a secret that the rules no longer recognise. The User-Agent string goes as it
 * is: the server names browser and system from it (server/domain/user-agent.ts) where the browser
 * gave no client hints, which keeps that table out of the dialog and current without a new widget.
 */
import type { Environment } from "../../../shared/api/environment";
import { ENVIRONMENT_LIMITS as L } from "../../../shared/limits";
import type { PageTrail } from "../../types";
import { REDACTED, redactValue } from "../phpinfo/redact";
import { pageAddress } from "../../../ui/form";

/** What the browser says about itself; mount.tsx reads it from navigator, window and Intl. */
export interface BrowserFacts {
  userAgent: string;
  /** navigator.userAgentData's low-entropy part, where the browser has it (Chromium, secure pages). */
  brands?: readonly { brand: string; version: string }[];
  platform?: string;
  viewport: { width: number; height: number; pixelRatio: number };
  languages: readonly string[];
  timeZone?: string;
  href: string;
}

const EMAIL = /[\w.+-]+(?:@|%40)[\w-]+(?:\.[\w-]+)*\.[a-z]{2,}/gi;

/** Message or stack text: phpinfo's rules, and no email addresses. */
export function redactText(s: string): string {
  return redactValue(s).replace(EMAIL, REDACTED);
}

/** An address: phpinfo's rules on the whole, then on each path segment, where a token stands alone. */
export function redactAddress(url: string): string {
  return redactText(url.split(/[?#]/)[0]!).replace(/[^/]+/g, redactText);
}

export function buildEnvironment(trail: PageTrail, f: BrowserFacts): Environment {
  // "Chromium" only when the browser names nothing else (Chrome, Edge, Opera and Brave add their own).
  const brands = f.brands?.filter((b) => !/not.?a.?brand/i.test(b.brand)) ?? [];
  const brand = brands.find((b) => b.brand != "Chromium") ?? brands[0];
  return {
    userAgent: f.userAgent.slice(0, L.userAgent),
    browser: brand && { name: brand.brand, version: brand.version },
    os: f.platform ? { name: f.platform } : undefined,
    viewport: f.viewport,
    languages: f.languages.slice(0, L.languages),
    timeZone: f.timeZone,
    page: redactAddress(pageAddress(f.href)).slice(0, L.url),
    errors: trail.errors.map((e) => ({
      kind: e.kind,
      message: redactText(e.message).slice(0, L.message),
      stack: e.stack && redactText(e.stack).slice(0, L.stack),
      at: e.at,
    })),
    requests: trail.requests.map((r) => ({ method: r.method, url: redactAddress(r.url).slice(0, L.url), status: r.status, at: r.at })),
  };
}
