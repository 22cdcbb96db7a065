/**
 * The servers of the end-to-end suites: the real app (createApp on PGlite, in this process, on a
 * free port, with the widget built as `npm start` builds it), and a separate tiny "customer site"
 * on another origin that embeds the widget the way a site admin would.
 */
import http from "node:http";
import { once } from "node:events";
import { serve } from "@hono/node-server";
import { ensureAssets, readManifest, type AssetManifest } from "../../server/build-assets";
import { freePort } from "../support/server-process";
import { adminHeaders, startTestApp, type TestApp } from "../support/test-app";

export interface TidingsServer {
  url: string;
  t: TestApp;
  manifest: AssetManifest;
  close(): Promise<void>;
}

/** `env` adds to the app's configuration, e.g. SMTP_URL for a suite that reads the mail. */
export async function startTidings(env: Record<string, string> = {}): Promise<TidingsServer> {
  await ensureAssets();
  const port = await freePort();
  const url = `http://127.0.0.1:${port}`;
  const t = await startTestApp("pglite", { PUBLIC_URL: url, ...env });
  const server = serve({ fetch: t.app.fetch, port, hostname: "127.0.0.1" });
  await once(server, "listening");
  return {
    url,
    t,
    manifest: readManifest()!,
    async close() {
      // Ends the consoles' event streams first: the server's close waits for every open connection.
      await t.deps.changes.stop();
      await new Promise((r) => server.close(r));
      await t.close();
    },
  };
}

/** Registers a site for `origin` through the admin API and returns its key. */
export async function createSite(tidings: TidingsServer, origin: string): Promise<string> {
  const res = await tidings.t.app.request("/api/v1/admin/sites", {
    method: "POST",
    headers: { ...adminHeaders, "Content-Type": "application/json" },
    body: JSON.stringify({ name: "Customer site", allowedOrigins: [origin] }),
  });
  if (res.status !== 201) throw new Error(`site not created: ${res.status} ${await res.text()}`);
  return ((await res.json()) as { siteKey: string }).siteKey;
}

export interface HostPage {
  /** With the page's own CSP and a fresh nonce per request; `widget` adds the one tag. */
  html(opts: { nonce: string; widget: boolean }): string;
  css?: string;
  csp?: (nonce: string) => string;
  /** More files of the site by path, e.g. a font or an image the page uses. */
  files?: Record<string, { type: string; body: string | Buffer }>;
}

/** A customer's site on its own origin (localhost, while Tidings is 127.0.0.1): every path is `page`. */
export async function startHostSite(page: HostPage): Promise<{ origin: string; close(): Promise<void> }> {
  const port = await freePort();
  const server = http.createServer((req, res) => {
    const path = (req.url ?? "/").split("?")[0]!;
    if (path === "/site.css") {
      res.writeHead(200, { "Content-Type": "text/css" }).end(page.css ?? "");
      return;
    }
    const file = page.files?.[path];
    if (file) {
      res.writeHead(200, { "Content-Type": file.type }).end(file.body);
      return;
    }
    if (path === "/favicon.ico") {
      res.writeHead(204).end();
      return;
    }
    const nonce = Buffer.from(String(Math.random())).toString("base64");
    res.writeHead(200, {
      "Content-Type": "text/html; charset=utf-8",
      ...(page.csp ? { "Content-Security-Policy": page.csp(nonce) } : {}),
    });
    res.end(page.html({ nonce, widget: path !== "/bare" }));
  });
  server.listen(port, "127.0.0.1");
  await once(server, "listening");
  return {
    origin: `http://localhost:${port}`,
    close: () => new Promise((r) => server.close(() => r())),
  };
}
