/** A page that only says where the reader is not (not found, not allowed) and links back home. */
import { Link } from "./Link";

export function NoticePage({ title, body, home }: { title: string; body: string; home: { href: string; label: string } }) {
  return (
    <div class="narrow">
      <h1 tabIndex={-1}>{title}</h1>
      <p>{body}</p>
      <p><Link href={home.href}>{home.label}</Link></p>
    </div>
  );
}
