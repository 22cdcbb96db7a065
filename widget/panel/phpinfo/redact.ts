/**
 * Removes secrets from phpinfo() output in the browser, before anything leaves it (issue 4, SLA
 * 4.8). It errs on the side of hiding: a hidden harmless setting costs the support team a question,
 * a leaked database password costs the client far more. Two kinds of evidence count:
 * - the key: environment variables, headers and directives named like passwords, keys, tokens,
 *   cookies, sessions, credentials or DSNs lose their whole value (unless the value is a plain
 *   switch or number, which cannot be a secret worth hiding);
 * - the value: credentials inside URLs and DSNs, password=… parameters, bearer and basic
 *   authorisation, private key blocks, and the token formats of common services, under any key.
 */
import { formatPhpinfo, parsePhpinfo, type PhpinfoRow } from "./parse";

export const REDACTED = "[REDACTED]";

const SENSITIVE_KEY =
  /pass(word|wd|phrase)?|pwd|(^|[._-])pw($|[._-])|secret|token|api[._-]?key|apikey|access[._-]?key|private[._-]?key|auth|credential|cookie|sess(ion)?[._-]?id|sessid|salt|signature|signing|encrypt|(^|[._-])key$|(^|[._-])dsn($|[._-])|jwt|bearer|license/i;

/** Values that are settings, not secrets: switches, numbers, "no value". */
const HARMLESS_VALUE = /^(|no value|on|off|true|false|yes|no|enabled|disabled|none|null|\(none\)|lax|strict|-?\d+(\.\d+)?[kmg]?)$/i;

/** The key as phpinfo shows it, without `$_SERVER['…']`/`$_ENV["…"]` around the name. */
function bareKey(key: string): { name: string; container: string } {
  const m = /^\$?_?([A-Z]+)\s*\[\s*['"]?(.*?)['"]?\s*\]$/.exec(key.trim());
  return m ? { container: m[1]!.toUpperCase(), name: m[2]! } : { container: "", name: key.trim() };
}

function keyIsSensitive(key: string): boolean {
  const { name, container } = bareKey(key);
  if (container === "COOKIE" || container === "SESSION") return true;
  return SENSITIVE_KEY.test(name);
}

interface ValueRule {
  pattern: RegExp;
  replace: string;
}

const VALUE_RULES: ValueRule[] = [
  // PEM private keys, possibly flattened onto one line.
  { pattern: /-----BEGIN [A-Z ]*PRIVATE KEY-----[\s\S]*?(-----END [A-Z ]*PRIVATE KEY-----|$)/g, replace: REDACTED },
  // scheme://user:password@host: the user stays (useful for support), the password goes.
  { pattern: /([a-z][a-z0-9+.-]*:\/\/)([^\s:@/?#]*):([^\s@/?#]+)@/gi, replace: `$1$2:${REDACTED}@` },
  // scheme://longtoken@host: a lone user part that long is a key (Sentry DSNs, git tokens).
  { pattern: /([a-z][a-z0-9+.-]*:\/\/)[A-Za-z0-9_-]{16,}@/gi, replace: `$1${REDACTED}@` },
  // password=…, token=… in query strings, connection strings and cookie lists.
  {
    pattern: /((?:^|[?&;,\s(])(?:[a-z_]*pass(?:word|wd)?|pwd|secret|[a-z_]*token|api[_-]?key|apikey|auth|access[_-]?key|key|sig|signature|phpsessid|sessionid|session|sid)\s*=\s*)("[^"]*"|'[^']*'|[^&;,\s)]+)/gi,
    replace: `$1${REDACTED}`,
  },
  { pattern: /\b(Bearer|Basic|Digest|Token)\s+[A-Za-z0-9._~+/=-]{8,}/g, replace: `$1 ${REDACTED}` },
  { pattern: /\beyJ[A-Za-z0-9_-]{5,}\.[A-Za-z0-9_-]{5,}\.[A-Za-z0-9_-]*/g, replace: REDACTED },
  { pattern: /\b(?:AKIA|ASIA)[0-9A-Z]{16}\b/g, replace: REDACTED },
  { pattern: /\b[rsp]k_(?:live|test)_[0-9A-Za-z]{8,}\b/g, replace: REDACTED },
  { pattern: /\bgh[pousr]_[A-Za-z0-9]{20,}\b/g, replace: REDACTED },
  { pattern: /\bxox[abprs]-[A-Za-z0-9-]{10,}/g, replace: REDACTED },
  { pattern: /\bAIza[0-9A-Za-z_-]{30,}/g, replace: REDACTED },
  { pattern: /\bSG\.[A-Za-z0-9_-]{16,}\.[A-Za-z0-9_-]{16,}/g, replace: REDACTED },
  // A long random-looking word (letters and digits mixed, no spaces or slashes): a key by its look.
  { pattern: /(^|[\s"'=:])(?=[A-Za-z0-9+_=-]*\d)(?=[A-Za-z0-9+_=-]*[A-Za-z])[A-Za-z0-9+_=-]{32,}(?=$|[\s"';,])/g, replace: `$1${REDACTED}` },
];

export function redactValue(value: string): string {
  let out = value;
  for (const rule of VALUE_RULES) out = out.replace(rule.pattern, rule.replace);
  return out;
}

export interface RedactedEntry {
  key: string;
  values: string[];
  hidden: boolean;
}

export function redactEntry(key: string, values: readonly string[]): RedactedEntry {
  if (keyIsSensitive(key)) {
    const out = values.map((v) => (HARMLESS_VALUE.test(v.trim()) ? v : REDACTED));
    if (out.some((v, i) => v !== values[i])) return { key, values: out, hidden: true };
  }
  // The key may itself carry a value (a header line, a `php -i` line that did not split).
  const out = values.map(redactValue);
  const newKey = redactValue(key);
  return { key: newKey, values: out, hidden: newKey !== key || out.some((v, i) => v !== values[i]) };
}

export interface RedactedPhpinfo {
  text: string;
  /** The keys whose values were hidden, once each, in order: shown to the user before sending. */
  hiddenKeys: string[];
  hiddenCount: number;
}

/** phpinfo HTML or text in, the text to upload out, with what was hidden. */
export function redactPhpinfo(raw: string): RedactedPhpinfo {
  const hiddenKeys: string[] = [];
  let hiddenCount = 0;
  const rows: PhpinfoRow[] = parsePhpinfo(raw).map((row) => {
    if (row.kind === "section") return row;
    if (row.kind === "text") {
      const text = redactValue(row.text);
      if (text !== row.text) hiddenCount++;
      return { ...row, text };
    }
    const r = redactEntry(row.key, row.values);
    if (!r.hidden) return row;
    hiddenCount++;
    const shown = bareKey(row.key).name;
    if (!hiddenKeys.includes(shown)) hiddenKeys.push(shown);
    return { ...row, key: r.key, values: r.values };
  });
  return { text: formatPhpinfo(rows), hiddenKeys, hiddenCount };
}
