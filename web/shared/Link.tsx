/** An in-app link: a real address (open in a new tab, bookmark), followed without a page load. */
import type { ComponentChildren } from "preact";
import { linkHandler } from "./router";

export function Link({ href, class: cls, onFocus, children }: { href: string; class?: string; onFocus?: () => void; children: ComponentChildren }) {
  return <a class={cls} href={href} onClick={linkHandler(href)} onFocus={onFocus}>{children}</a>;
}
