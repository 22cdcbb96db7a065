/**
 * What a mail server's refusal means for us (RFC 3463 enhanced status codes; RFC 5321 basic codes
 * and the reply text where there is no enhanced code). The question that matters is whose fault
 * it is: only a recipient address that does not work may stop our mail to that client for good
 * (a suppression); a refusal of our sender, our relay access or our mail's content is a fault in
 * our setup, and suppressing the client for it would silently cut them off (issue 12).
 * The rules are listed for operators in docs/mail.md; keep the two in step.
 */

export type FailureKind =
  /** The address does not work: x.1.x (but x.1.7/x.1.8, which are about our sender) and x.2.1. */
  | "mailbox"
  /** The mailbox exists but refuses this mail (full, too big for it): x.2.x but x.2.1. */
  | "recipient"
  /** Our MAIL_FROM, our access to the relay or our credentials: x.1.7, x.1.8, "Sender address rejected", relay denied, auth. */
  | "our-setup"
  /** Refused by policy: x.7.x (spam, reputation, DMARC, access lists). */
  | "policy"
  /** The mail or the systems on the way: x.3.x, x.4.x, x.5.x, x.6.x. */
  | "system"
  /** A 4xx: try again later. */
  | "transient"
  /** No reply at all (refused connection, timeout, DNS): try again later. */
  | "unreachable"
  /** A 5xx we cannot read: failed, not suppressed, shown to the operator. */
  | "unknown";

export interface FailureVerdict {
  kind: FailureKind;
  /** The enhanced code, as the server gave it (or as the DSN's Status field says). */
  code: string | null;
  /** The basic reply code, when there was an SMTP reply. */
  basic: number | null;
  /** Keep the mail pending and try again with backoff; otherwise it fails now. */
  retry: boolean;
  /** Put the address on the suppression list. Only ever for `mailbox`. */
  suppress: boolean;
  /** The fault is ours or the way's, not the client's: tell the operator. */
  alert: boolean;
}

export interface Refusal {
  /** The basic code (nodemailer's `responseCode`); absent for a DSN or a connection error. */
  basic?: number | null;
  /** The reply line(s) (nodemailer's `response`) or a DSN's Diagnostic-Code. */
  text?: string | null;
  /** An enhanced code given apart from the text (a DSN's Status field, which is the reporting server's reading): it wins over one in the text. */
  status?: string | null;
  /** The SMTP command that was refused (nodemailer's `command`): a refused MAIL FROM is always about us. */
  command?: string | null;
}

// Not part of an IP address ("5.6.7.8") or a version: a dot after it may only end a sentence.
const ENHANCED = /(?:^|[\s(#;-])([245])\.(\d{1,3})\.(\d{1,3})(?=$|[\s),;:]|\.(?!\d))/;

/** The enhanced code in a reply ("550 5.1.1 <x>: …", qmail's "… (#5.1.1)"), or null. */
export function enhancedCodeOf(text: string | null | undefined): string | null {
  if (!text) return null;
  const m = ENHANCED.exec(text.replace(/^\s*\d{3}[ -]/, " "));
  return m ? `${m[1]}.${m[2]}.${m[3]}` : null;
}

/** The basic code a reply line starts with ("550 …", "550-…"), or null. */
export function basicCodeOf(text: string | null | undefined): number | null {
  const m = /^\s*([2-5]\d\d)(?:[ -]|$)/.exec(text ?? "");
  return m ? Number(m[1]) : null;
}

// Postfix's words (smtpd_sender_restrictions, reject_sender_login_mismatch, smtpd_relay_restrictions,
// smtpd_helo_restrictions), Exchange's and qmail's for the same refusals, and SASL refusals.
const ABOUT_US = new RegExp([
  String.raw`sender address rejected`,
  String.raw`sender (?:address )?(?:is )?(?:not owned|not allowed|not authori[sz]ed|denied|refused)`,
  String.raw`relay(?:ing)? (?:access )?(?:denied|not permitted|prohibited)`,
  String.raw`(?:unable|not permitted|not allowed) to relay`,
  String.raw`allowed rcpthosts`,
  String.raw`client host rejected`,
  String.raw`helo command rejected`,
  String.raw`authentication (?:is )?(?:required|failed|failure)`,
  String.raw`must issue a starttls`,
].join("|"), "i");
const MAILBOX_WORDS = /user unknown|unknown user|no such (?:user|mailbox|recipient|address)|no mailbox|mailbox (?:is )?(?:unavailable|not found|does not exist|disabled)|recipient not found|does not exist|invalid (?:recipient|mailbox)|account (?:has been |is )?disabled|address rejected/i;
const POLICY_WORDS = /access denied|blocked|block ?list|black ?list|listed|spam|policy|reputation|dmarc|spf|dkim/i;
const FULL_WORDS = /full|quota|storage/i;

function verdict(kind: FailureKind, code: string | null, basic: number | null, transientClass: boolean): FailureVerdict {
  const retry = kind === "transient" || kind === "unreachable" || transientClass;
  return {
    kind, code, basic, retry,
    suppress: kind === "mailbox" && !retry,
    alert: kind === "our-setup" || kind === "policy" || kind === "system" || kind === "unknown",
  };
}

/** What the enhanced code's subject and detail say of a permanent failure, or null when it says nothing usable (x.0.0). */
function byCode(code: string): FailureKind | null {
  const [, subject, detail] = code.split(".").map(Number) as [number, number, number];
  if (subject === 1) return detail === 7 || detail === 8 ? "our-setup" : "mailbox";
  if (subject === 2) return detail === 1 ? "mailbox" : detail === 0 ? null : "recipient";
  // 5.7.8 bad credentials, 5.7.9 mechanism too weak, 5.7.11 encryption required, 5.7.14 trust relationship required: our relay login.
  if (subject === 7) return [8, 9, 11, 14].includes(detail) ? "our-setup" : "policy";
  if (subject >= 3 && subject <= 6) return "system";
  return null;
}

/** Without a usable enhanced code: the basic code and the words, cautiously (a guess never suppresses but on plain mailbox words). */
function byBasicAndText(basic: number | null, text: string): FailureKind {
  if (basic === 530 || basic === 535 || basic === 538) return "our-setup";
  if (POLICY_WORDS.test(text)) return "policy";
  if ((basic === null || [511, 550, 551, 553].includes(basic)) && MAILBOX_WORDS.test(text)) return "mailbox";
  if (basic === 552 || basic === 452) return FULL_WORDS.test(text) ? "recipient" : "system";
  if (basic === 554) return "policy";
  return "unknown";
}

/**
 * Classifies one refusal. Order: no reply at all is a connection problem (retry); a 4xx retries
 * (and alerts when it is about our sender); a refused MAIL FROM or words about our sender or relay
 * are our setup whatever the code says (Postfix answers a rejected sender with `5.1.0` and
 * `5.7.1`); then the enhanced code; then the basic code and the words.
 */
export function classifyRefusal(r: Refusal): FailureVerdict {
  const text = r.text ?? "";
  const basic = r.basic ?? basicCodeOf(text);
  const code = (r.status && /^[245]\.\d{1,3}\.\d{1,3}$/.test(r.status.trim()) ? r.status.trim() : null) ?? enhancedCodeOf(text);
  if (basic === null && code === null) return verdict("unreachable", null, null, false);
  // The basic code decides between now and later (RFC 3463 §2: the class must agree; where it does not, the reply code is the protocol).
  const transientClass = basic !== null ? basic >= 400 && basic < 500 : code!.startsWith("4.");
  const detail = code ? code.split(".").slice(1).join(".") : null;
  const aboutUs = /^MAIL\b/i.test(r.command ?? "") || ABOUT_US.test(text) || detail === "1.7" || detail === "1.8";
  if (aboutUs) return verdict("our-setup", code, basic, transientClass);
  if (transientClass) return verdict("transient", code, basic, true);
  return verdict((code ? byCode(code) : null) ?? byBasicAndText(basic, text), code, basic, false);
}

/** A bounce that gives no code at all (some old mail servers): only its words, and a guess never suppresses but on plain mailbox words. */
export function classifyBounceText(text: string): FailureVerdict {
  return verdict(byBasicAndText(null, text), null, null, false);
}

/** One line for the outbox row and the logs: "mailbox: 550 5.1.1 <x>: Recipient address rejected: …" (the codes in front when the text lacks them). */
export function describeRefusal(v: FailureVerdict, text: string): string {
  const line = text.replace(/\s+/g, " ").trim().slice(0, 300);
  const head = [v.basic, v.code].filter((x) => x !== null && !line.includes(String(x))).join(" ");
  return `${v.kind}: ${head ? `${head} ` : ""}${line}`;
}
