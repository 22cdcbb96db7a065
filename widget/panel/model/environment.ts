/**
 * The browser environment as it is sent (CONTRACT §9, SLA 4.2): the loader's trail of errors and
 * failed requests plus what the browser says about itself, redacted with phpinfo's rules
 * (phpinfo/redact.ts) and cut to the server's limits. Redaction comes before cutting, so a cut
 * never leaves half a secret that the rules no longer recognise.
 */
import type { Environment } from "../../../shared/api/environment";
import { ENVIRONMENT_LIMITS as L } from "../../../shared/limits";
import type { PageTrail } from "../../types";
import { REDACTED, redactValue } from "../phpinfo/redact";
import { pageAddress } from "./form";

/** What the browser says about itself; mount.tsx reads it from navigator, window and Intl. */
export interface BrowserFacts {
  userAgent: string;
  /** navigator.userAgentData's low-entropy part, where the browser has it (Chromium). */
  brands?: readonly { brand: string; version: string }[];
  platform?: string;
  width: number;
  height: number;
  pixelRatio: number;
  languages: readonly string[];
  timeZone?: string;
  href: string;
}

type NameVersion = { name: string; version?: string };

// In order: Edge and Opera also say Chrome, Chrome also says Safari.
const BROWSERS: [string, RegExp][] = [
  ["Edge", /Edg(?:e|A|iOS)?\/([\d.]+)/],
  ["Opera", /OPR\/([\d.]+)/],
  ["Samsung Internet", /SamsungBrowser\/([\d.]+)/],
  ["Firefox", /(?:Firefox|FxiOS)\/([\d.]+)/],
  ["Chrome", /(?:Chrome|CriOS)\/([\d.]+)/],
  ["Safari", /Version\/([\d.]+).*Safari/],
];
// Android also says Linux; iPadOS may say Mac.
const SYSTEMS: [string, RegExp][] = [
  ["Windows", /Windows NT ([\d.]+)/],
  ["Android", /Android ([\d.]+)/],
  ["iOS", /(?:iPhone|iPad|iPod).*? OS ([\d_]+)/],
  ["macOS", /Mac OS X ([\d_.]+)/],
  ["ChromeOS", /CrOS \S+ ([\d.]+)/],
  ["Linux", /Linux/],
];

function fromAgent(ua: string, table: [string, RegExp][]): NameVersion | undefined {
  for (const [name, re] of table) {
    const m = re.exec(ua);
    if (m) return { name, version: m[1]?.replace(/_/g, ".") };
  }
  return undefined;
}

/** User-Agent Client Hints name the browser without guessing; "Chromium" only when nothing else is named. */
function fromBrands(brands: BrowserFacts["brands"]): NameVersion | undefined {
  const named = brands?.filter((b) => !/not.?a.?brand/i.test(b.brand)) ?? [];
  const b = named.find((x) => x.brand != "Chromium") ?? named[0];
  return b && { name: b.brand, version: b.version };
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

const cut = (s: string, max: number) => (s.length > max ? `${s.slice(0, max - 1)}…` : s);

export function buildEnvironment(trail: PageTrail, f: BrowserFacts): Environment {
  const at = (ms: number) => new Date(ms).toISOString();
  const short = (s: string) => s.slice(0, L.short);
  const nv = (x: NameVersion | undefined) => x && { name: short(x.name), ...(x.version ? { version: short(x.version) } : {}) };
  return {
    browser: nv(fromBrands(f.brands) ?? fromAgent(f.userAgent, BROWSERS)),
    os: nv(f.platform ? { name: f.platform } : fromAgent(f.userAgent, SYSTEMS)),
    viewport: { width: Math.round(f.width), height: Math.round(f.height), pixelRatio: f.pixelRatio },
    languages: f.languages.slice(0, L.languages).map(short),
    timeZone: f.timeZone && short(f.timeZone),
    page: cut(redactAddress(pageAddress(f.href)), L.url),
    errors: trail.errors.map((e) => ({
      kind: e.kind,
      message: cut(redactText(e.message), L.message),
      ...(e.stack ? { stack: cut(redactText(e.stack), L.stack) } : {}),
      at: at(e.at),
    })),
    requests: trail.requests.map((r) => ({ method: short(r.method), url: cut(redactAddress(r.url), L.url), status: r.status, at: at(r.at) })),
  };
}
