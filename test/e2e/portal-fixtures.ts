/**
 * What the customer portal's end-to-end test (portal.test.ts) sets up with: its client, the
 * hostile texts it sends, tickets registered through the admin API, the mailed sign-in link and
 * pages that record every error.
 */
import { and, desc, eq } from "drizzle-orm";
import type { BrowserContext, Page } from "playwright-core";
import type { Db } from "../../server/db/client";
import { outbox } from "../../server/db/schema";
import { jsonOf } from "../support/answers";
import { adminHeaders } from "../support/test-app";

export const CLIENT = "client@kunde.example";
export const DESCRIPTION_PAYLOAD = `<script>window.__pwned=1</script><img src=x onerror="window.__pwned=2"> Checkout & "quotes" <b>bold</b>`;
export const MAIL_PAYLOAD = [
  `<script>window.__pwned=3</script>`,
  `<img src=x onerror="window.__pwned=4">`,
  `<svg onload="window.__pwned=5"></svg>`,
  `<a href="javascript:window.__pwned=6">click me</a>`,
  `<iframe srcdoc="<script>parent.__pwned=7</script>"></iframe>`,
  `{{constructor.constructor('window.__pwned=8')()}}`,
].join("\n");

/** A mail answer full of markup, threaded to `tid` by the [TID#…] subject. */
export function hostileReply(tid: string): Buffer {
  return Buffer.from([
    `From: Client <${CLIENT}>`, "To: support@localhost", `Subject: Re: [TID#${tid}] more details`,
    "Message-ID: <hostile-1@kunde.example>", "Date: Thu, 26 Nov 2026 10:00:00 +0000", "MIME-Version: 1.0",
    "Content-Type: text/plain; charset=utf-8", "", MAIL_PAYLOAD, "",
  ].join("\r\n"));
}

/** POST `body` to the API at `path` with the admin token; the answer's JSON, or an error that says why not. */
export async function adminPost(url: string, path: string, body: unknown) {
  const res = await fetch(`${url}/api/v1${path}`, { method: "POST", headers: { ...adminHeaders, "Content-Type": "application/json" }, body: JSON.stringify(body) });
  const json = await jsonOf(res);
  if (!res.ok) throw new Error(`${path}: ${res.status} ${JSON.stringify(json)}`);
  return json;
}

/** The sign-in link as mailed: the newest sign-in mail's link, from the outbox. */
export async function mailedSignInLink(db: Db, email: string): Promise<string> {
  const [mail] = await db.select().from(outbox).where(and(eq(outbox.toAddress, email), eq(outbox.kind, "sign-in"))).orderBy(desc(outbox.id)).limit(1);
  return /https?:\/\/\S+\/portal\/sign-in\?token=[A-Za-z0-9_-]+/.exec(mail!.textBody)![0];
}

/** A page that records script errors, console errors and CSP / Trusted Types violations in `problems`. */
export async function watchedPage(c: BrowserContext, problems: string[]): Promise<Page> {
  const p = await c.newPage();
  await p.addInitScript(() => {
    document.addEventListener("securitypolicyviolation", (e) => console.error(`CSP violation: ${e.violatedDirective} ${e.blockedURI}`));
  });
  p.on("pageerror", (e) => problems.push(`pageerror: ${e.message}`));
  p.on("console", (m) => m.type() === "error" && !/status of 4\d\d/.test(m.text()) && problems.push(`console: ${m.text()}`));
  return p;
}
