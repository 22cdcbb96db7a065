import { simpleParser, type AddressObject } from "mailparser";
import { LIMITS } from "../../shared/limits";

export interface InboundMail {
  messageId: string | null;
  from: string | null;
  fromName: string | null;
  to: string[];
  cc: string[];
  subject: string;
  text: string;
  inReplyTo: string | undefined;
  references: string | string[] | undefined;
  contentType: string | undefined;
  language: string | undefined;
  /** Raw header values by lower-case name (the first occurrence), for the loop and spam rules. */
  headers: Map<string, string>;
  attachments: { name: string; contentType: string; bytes: Buffer }[];
}

const MAX_TEXT = 200_000;

/**
 * Postgres text (and jsonb) cannot hold U+0000: one NUL in a header made every INSERT of the mail
 * fail, so it was answered 451 and the sending server retried it forever (found by the hostile
 * mail corpus, test/fixtures/mail-corpus). NULs go here, before anything is stored or queried.
 */
const noNul = (s: string) => s.replaceAll("\0", "");
/**
 * A usable address: one @, no white space or control characters, and at most 254 characters
 * (RFC 5321; the API's limit). A longer one does not fit the unique index on requesters.email
 * ("index row size exceeds maximum"), which again made the mail fail with 451 on every retry.
 */
export function isUsableAddress(a: string): boolean {
  // eslint-disable-next-line no-control-regex -- an address with control characters is not usable
  return a.length <= LIMITS.email && /^[^\s@\u0000-\u001f\u007f]+@[^\s@\u0000-\u001f\u007f]+$/.test(a);
}

/**
 * An address as intake keeps it: lower case, and without the trailing dot of a fully qualified
 * domain (`someone@example.com.` is the same mailbox as `someone@example.com`, RFC 1034 3.1; some
 * mailers write it so). Every address read from a mail (From, To, Cc, the envelope) goes through
 * here, so one person stays one requester and a TID check on the sender still knows them.
 */
export function normalizeAddress(a: string): string {
  return a.trim().toLowerCase().replace(/\.+$/, "");
}

/**
 * Parses a raw mail with mailparser (a maintained MIME parser that copes with broken mail, encoded
 * words in any charset, HTML-only bodies and nested messages) into the few facts intake needs.
 */
export async function parseMail(raw: Buffer): Promise<InboundMail> {
  const m = await simpleParser(raw, { skipImageLinks: true, skipTextToHtml: true, maxHtmlLengthToParse: 2_000_000 });
  const headers = new Map<string, string>();
  for (const h of m.headerLines ?? []) {
    if (headers.has(h.key)) continue;
    const value = noNul(h.line.slice(h.line.indexOf(":") + 1)).replace(/\r?\n[ \t]+/g, " ").trim();
    headers.set(noNul(h.key).toLowerCase(), value.slice(0, 2000));
  }
  const first = firstAddress(m.from);
  const contentType = m.headers.get("content-type") as { value?: string; params?: Record<string, string> } | undefined;
  return {
    messageId: m.messageId ? noNul(m.messageId).slice(0, 250) || null : null,
    from: first?.address ?? null,
    fromName: first?.name ? noNul(first.name) || null : null,
    to: addresses(m.to),
    cc: addresses(m.cc),
    subject: noNul(m.subject ?? "").slice(0, 1000),
    text: noNul(m.text ?? "").slice(0, MAX_TEXT),
    inReplyTo: m.inReplyTo === undefined ? undefined : noNul(m.inReplyTo),
    references: m.references === undefined ? undefined : Array.isArray(m.references) ? m.references.map(noNul) : noNul(m.references),
    contentType: contentType?.value ? `${contentType.value}${Object.entries(contentType.params ?? {}).map(([k, v]) => `; ${k}=${v}`).join("")}` : undefined,
    language: headers.get("content-language"),
    headers,
    attachments: m.attachments.map((a) => ({ name: noNul(a.filename ?? "") || defaultName(a.contentType), contentType: noNul(a.contentType), bytes: a.content })),
  };
}

function firstAddress(a: AddressObject | AddressObject[] | undefined) {
  const list = Array.isArray(a) ? a : a ? [a] : [];
  for (const obj of list) {
    for (const v of obj.value) {
      const address = v.address ? normalizeAddress(v.address) : "";
      if (address && isUsableAddress(address)) return { name: v.name, address };
    }
  }
  return null;
}

function addresses(a: AddressObject | AddressObject[] | undefined): string[] {
  const list = Array.isArray(a) ? a : a ? [a] : [];
  return list.flatMap((o) => o.value.map((v) => (v.address ? normalizeAddress(v.address) : "")).filter((x) => Boolean(x && isUsableAddress(x)))).slice(0, 50);
}

function defaultName(contentType: string): string {
  if (/message\/rfc822/i.test(contentType)) return "forwarded-message.eml";
  if (/ms-tnef/i.test(contentType)) return "winmail.dat";
  return "attachment";
}
