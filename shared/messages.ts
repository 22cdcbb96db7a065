/**
 * What a message of a ticket is (SLA 4.5: the client sees the whole correspondence). Stored in
 * messages.kind and sent over the API, so a kind, once published, keeps its meaning. Everything
 * that passes between client and staff is one of these; the audit trail (ticket_events) records
 * the same moments for staff, but only messages are the conversation.
 */
export const MESSAGE_KINDS = [
  /** The request itself or an ordinary reply, from either side, by any channel. */
  "message",
  /** Staff-only remark; never shown to the client. */
  "note",
  /** Staff ask the client for what is missing (SLA 4.11): the text and the items asked for. */
  "request-info",
  /** The client's reason for reopening a resolved or closed ticket (SLA 5). */
  "reopen",
  /** The client's text to the supervisor or account manager (SLA 5). */
  "escalation",
  /** The client's confirmed vote and comment; staff side only (see ratingVisibility). */
  "rating",
] as const;

export type MessageKind = (typeof MESSAGE_KINDS)[number];

export const MESSAGE_AUTHORS = ["requester", "staff", "system"] as const;
export const MESSAGE_VISIBILITIES = ["public", "internal"] as const;

/**
 * A rating is the client's judgement of the staff's work: staff read it beside the conversation,
 * the client already knows what they wrote and sees it on the rating form. Internal, like a note,
 * so that a cc'd colleague of the client does not read the score of a colleague.
 */
export const RATING_VISIBILITY = "internal" satisfies (typeof MESSAGE_VISIBILITIES)[number];

/**
 * The text of a request for information as the conversation keeps it: the staff's words, then
 * each item asked for on a line of its own ("- the URL of the site"), as the mail lists them.
 */
export function requestInfoBody(text: string, missing: readonly string[]): string {
  const items = missing.map((m) => m.trim()).filter((m) => m !== "").map((m) => `- ${m}`);
  return [text.trim(), items.join("\n")].filter((s) => s !== "").join("\n\n");
}

/** A confirmed vote as a message: "4/5", then the comment (migration 0009 writes the same). */
export function ratingBody(score: number, comment: string | null | undefined): string {
  const c = comment?.trim();
  return c ? `${score}/5\n\n${c}` : `${score}/5`;
}
