import { randomBytes } from "node:crypto";
import { Hono } from "hono";
import { getConnInfo } from "@hono/node-server/conninfo";
import { phpinfoPage } from "./demo-phpinfo";
import { PANEL_CSS, PANEL_JS } from "./demo-styles";

/**
 * The demo control panel's own files: its stylesheet and script (external, for its strict CSP),
 * and the phpinfo page the widget reads when "Include server configuration" is ticked. In a real
 * product phpinfo.php sits behind the admin login; here it holds only fake secrets.
 */
export function demoRoutes() {
  const app = new Hono();
  const asset = (type: string, body: string) => () =>
    new Response(body, { headers: { "Content-Type": `${type}; charset=utf-8`, "Cache-Control": "public, max-age=300" } });
  app.get("/demo/panel.css", asset("text/css", PANEL_CSS));
  app.get("/demo/panel.js", asset("text/javascript", PANEL_JS));

  app.get("/demo/phpinfo.php", (c) => {
    const nonce = randomBytes(16).toString("base64");
    let remoteAddr = "203.0.113.10";
    try {
      remoteAddr = getConnInfo(c).remote.address ?? remoteAddr;
    } catch {
      /* app.request() in tests has no socket */
    }
    c.header("Content-Security-Policy", `default-src 'none'; style-src 'nonce-${nonce}'; frame-ancestors 'self'`);
    c.header("Cache-Control", "no-store");
    c.header("X-Robots-Tag", "noindex");
    return c.html(phpinfoPage({ host: c.req.header("host") ?? "localhost", userAgent: c.req.header("user-agent") ?? "", nonce, remoteAddr }));
  });
  return app;
}
