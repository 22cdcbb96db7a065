import { createHash } from "node:crypto";
import fs from "node:fs";
import path from "node:path";

/**
 * The help center's stylesheet: the portal's own (web/shared/base.css and web/portal/portal.css,
 * the same files Vite bundles into the portal) followed by web/help/help.css, so the help center
 * looks like the portal without a second copy of its colours. Served from a file (the pages' CSP
 * allows no inline style) under a name with the content's hash, so it may be cached for good.
 */
const ROOT = path.resolve(import.meta.dirname, "../../..");
const FILES = ["web/shared/base.css", "web/portal/portal.css", "web/help/help.css"];

export interface HelpStyle { css: string; hash: string; href: string }

let cached: HelpStyle | null = null;

/** Read once per process: the files are part of the release, not changed while it runs. */
export function helpStyle(): HelpStyle {
  if (cached) return cached;
  const css = FILES.map((f) => `/* ${f} */\n${fs.readFileSync(path.join(ROOT, f), "utf8")}`).join("\n");
  const hash = createHash("sha256").update(css).digest("base64url").slice(0, 12);
  cached = { css, hash, href: `/help/help.css?v=${hash}` };
  return cached;
}
