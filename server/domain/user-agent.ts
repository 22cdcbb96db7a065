/**
 * Names the browser and the operating system from a User-Agent string, for the browser details
 * of a ticket (CONTRACT §9) when the browser sent no client hints (Firefox, Safari, Chromium on a
 * page without https). Done on the server so the widget does not carry the table, and so a new
 * browser needs a server update, not a new widget on every customer's page. It names the common
 * browsers; anything else stays unnamed, and staff still see the string itself.
 */

export interface NameVersion {
  name: string;
  version?: string;
}

// In order: Edge, Opera and Samsung Internet also say Chrome; Chrome also says Safari.
const BROWSERS: [string, RegExp][] = [
  ["Edge", /Edg(?:e|A|iOS)?\/([\d.]+)/],
  ["Opera", /OPR\/([\d.]+)/],
  ["Samsung Internet", /SamsungBrowser\/([\d.]+)/],
  ["Firefox", /(?:Firefox|FxiOS)\/([\d.]+)/],
  ["Chrome", /(?:HeadlessChrome|Chrome|CriOS)\/([\d.]+)/],
  ["Safari", /Version\/([\d.]+).*Safari\//],
];

// In order: Android also says Linux; an iPhone says "like Mac OS X".
const SYSTEMS: [string, RegExp][] = [
  ["Windows", /Windows NT ([\d.]+)/],
  ["Android", /Android ([\d.]+)/],
  ["iOS", /(?:iPhone|iPad|iPod).*? OS ([\d_]+)/],
  ["macOS", /Mac OS X ([\d_.]+)/],
  ["ChromeOS", /CrOS \S+ ([\d.]+)/],
  ["Linux", /Linux/],
];

function first(ua: string, table: [string, RegExp][]): NameVersion | undefined {
  for (const [name, re] of table) {
    const m = re.exec(ua);
    if (m) return m[1] ? { name, version: m[1].replace(/_/g, ".") } : { name };
  }
  return undefined;
}

export function browserOf(userAgent: string): NameVersion | undefined {
  return first(userAgent, BROWSERS);
}

export function systemOf(userAgent: string): NameVersion | undefined {
  return first(userAgent, SYSTEMS);
}
