/**
 * Pure rules for inbound mail (CONTRACT §7): what is an automatic or bulk mail that must never be
 * answered, what an upstream filter marked as spam, and which TIDs a subject names.
 * Header names are lower-case; values are the raw header text.
 */
export type Headers = ReadonlyMap<string, string>;

/** Why this mail must get no automatic answer, or null when it may. RFC 3834 and common practice. */
export function automaticMailReason(headers: Headers, from: string | null): string | null {
  const auto = headers.get("auto-submitted")?.trim().toLowerCase();
  if (auto && auto !== "no") return `Auto-Submitted: ${auto}`;
  const precedence = headers.get("precedence")?.trim().toLowerCase();
  if (precedence && /^(bulk|junk|list)\b/.test(precedence)) return `Precedence: ${precedence}`;
  if (headers.has("x-autoreply") || headers.has("x-autorespond")) return "X-Autoreply";
  if (headers.has("x-auto-response-suppress")) return "X-Auto-Response-Suppress";
  if (headers.has("list-id") || headers.has("list-unsubscribe")) return "mailing list";
  if (from && /^(mailer-daemon|postmaster|noreply|no-reply|do-not-reply)@/i.test(from)) return `sender ${from}`;
  return null;
}

/** Why an upstream spam filter condemned this mail, or null. */
export function spamReason(headers: Headers): string | null {
  const flag = headers.get("x-spam-flag")?.trim();
  if (flag && /^yes\b/i.test(flag)) return "X-Spam-Flag: YES";
  const status = headers.get("x-spam-status")?.trim();
  if (status && /^yes\b/i.test(status)) return "X-Spam-Status: Yes";
  return null;
}

/** Every `[TID#…]` (or `TID#…`) in a subject, in order, digits only; checking them is the caller's job. */
export function subjectTids(subject: string): string[] {
  const out: string[] = [];
  for (const m of subject.matchAll(/\[?\s*TID\s*#\s*(\d{1,40})\s*\]?/gi)) out.push(m[1]!);
  return out;
}

/** The subject without reply prefixes and our tags, for a new ticket made from a mail. */
export function cleanMailSubject(subject: string): string {
  let s = subject.replace(/\[?\s*TID\s*#\s*\d{1,40}\s*\]?/gi, " ");
  for (let i = 0; i < 5; i++) s = s.replace(/^\s*(re|aw|fw|fwd|wg|antw|sv|vs)\s*(\[\d+\])?\s*:\s*/i, "");
  // eslint-disable-next-line no-control-regex -- a subject's control characters become spaces
  return s.replace(/[\u0000-\u001f\u007f]/g, " ").replace(/\s+/g, " ").trim();
}

/** All Message-IDs a reply names, most specific first (In-Reply-To, then References from the end). */
export function referencedIds(inReplyTo: string | undefined, references: string | string[] | undefined): string[] {
  const ids = new Set<string>();
  const add = (s: string | undefined) => {
    for (const m of (s ?? "").matchAll(/<[^<>\s]{1,250}>/g)) ids.add(m[0]);
  };
  add(inReplyTo);
  const refs = Array.isArray(references) ? references : references ? [references] : [];
  for (const r of [...refs].reverse()) add(r.startsWith("<") ? r : `<${r}>`);
  return [...ids].slice(0, 50);
}
