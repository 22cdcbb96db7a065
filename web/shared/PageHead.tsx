import type { ComponentChildren } from "preact";

/**
 * A list page's head: its heading (focused after navigation, see app-shell.ts) and lead, and beside
 * them what the page offers at once (a button, a live note).
 */
export function PageHead({ title, lead, children }: { title: string; lead: string; children?: ComponentChildren }) {
  return (
    <div class="page-head">
      <div>
        <h1 tabIndex={-1}>{title}</h1>
        <p class="lead">{lead}</p>
      </div>
      {children}
    </div>
  );
}
