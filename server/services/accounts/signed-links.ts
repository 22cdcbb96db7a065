import { createHmac, timingSafeEqual } from "node:crypto";

/**
 * The link in a requester's mail carries an HMAC of the TID, so the ticket can be opened without a
 * password but a TID alone (which is printed in subjects and easy to guess) opens nothing.
 */
export function ticketToken(secret: Buffer, tid: string): string {
  return createHmac("sha256", secret).update(`ticket-view:${tid}`).digest("base64url");
}

export function verifyTicketToken(secret: Buffer, tid: string, token: string | undefined | null): boolean {
  if (!token || token.length > 100) return false;
  const expected = Buffer.from(ticketToken(secret, tid));
  const given = Buffer.from(token);
  return given.length === expected.length && timingSafeEqual(given, expected);
}
