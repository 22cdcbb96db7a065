/**
 * The web addresses in a mail's plain text: what the outbox shows as links. Only http(s); an
 * address ends at white space, angle brackets, quotes or a closing bracket, as mail clients read it.
 */
export const URL_IN_TEXT = /(https?:\/\/[^\s<>"')\]]+)/g;

export function linksIn(text: string): string[] {
  return [...new Set(text.match(URL_IN_TEXT) ?? [])];
}
