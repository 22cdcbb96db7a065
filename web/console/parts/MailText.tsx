/**
 * The plain text of a mail with its web addresses as links, so an admin can follow a sign-in or
 * ticket link from a mail that was never sent. Only http(s) addresses become links; the rest
 * stays text (Preact escapes it), so a mail cannot put markup or a javascript: link in the console.
 */
import { URL_IN_TEXT } from "../../../shared/mail-links";

export function MailText({ text }: { text: string }) {
  const parts = text.split(URL_IN_TEXT);
  return (
    <pre class="mail-text">
      {parts.map((p, i) => (i % 2 === 1 ? <a key={i} href={p} rel="noopener noreferrer">{p}</a> : p))}
    </pre>
  );
}
