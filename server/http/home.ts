import { randomBytes } from "node:crypto";
import { Hono } from "hono";
import type { Deps } from "../deps";
import { ensureDemoSite } from "../services/accounts/demo-site";

/**
 * The page at `/`: a mock control panel of a web product ("Harbor CMS") with the widget embedded
 * exactly as a site admin would (CONTRACT §9), so that `npm start` shows the whole flow, plus a
 * short note on what Tidings is. Its CSP is as strict as a careful product's: scripts only by
 * nonce, styles only from files, so the widget is shown to work without 'unsafe-inline'.
 */
export function homeRoutes(deps: Deps) {
  const app = new Hono();
  const publicUrl = deps.config.publicUrl;
  let siteKey: Promise<string> | null = null;
  app.get("/", async (c) => {
    siteKey ??= ensureDemoSite(deps.db, publicUrl).catch((e) => { siteKey = null; throw e; });
    const nonce = randomBytes(16).toString("base64");
    const tidings = new URL(publicUrl).origin;
    c.header(
      "Content-Security-Policy",
      `default-src 'self'; script-src 'nonce-${nonce}'; style-src 'self'; img-src 'self' data: blob:; ` +
        `connect-src 'self' ${tidings}; object-src 'none'; base-uri 'none'; form-action 'self'; frame-ancestors 'none'`,
    );
    c.header("Cache-Control", "no-store");
    return c.html(page({ publicUrl, siteKey: await siteKey, nonce }));
  });
  return app;
}

const esc = (s: string) => s.replace(/[&<>"']/g, (ch) => `&#${ch.charCodeAt(0)};`);

/** The demo shop's recent orders: id, customer, total, badge class, status. */
const ORDERS: [string, string, string, string, string][] = [
  ["#10482", "Lena Vogel", "€184.90", "ok", "Paid"],
  ["#10481", "Marco Rossi", "€72.00", "wait", "Pending"],
  ["#10480", "Aiko Tanaka", "€310.45", "ok", "Paid"],
  ["#10479", "Sam Okafor", "€24.99", "bad", "Failed"],
  ["#10478", "Jana Novák", "€99.00", "ok", "Paid"],
];

/** The control panel around the orders, the same on every request. */
const DASHBOARD_TOP = `<body>
<header class="topbar">
  <a class="logo" href="/"><span class="logo-mark" aria-hidden="true">H</span>Harbor CMS</a>
  <span class="site">shop.example</span>
  <span class="spacer"></span>
  <span class="user"><span class="avatar" aria-hidden="true">SA</span><span>admin@shop.example</span></span>
</header>
<div class="layout">
<nav class="side" aria-label="Control panel">
  <ul>
    <li><a href="/" aria-current="page">Dashboard</a></li>
    <li><a href="/#pages">Pages</a></li>
    <li><a href="/#orders">Orders</a></li>
    <li><a href="/#catalog">Catalog</a></li>
    <li><a href="/#users">Users</a></li>
  </ul>
  <h2>System</h2>
  <ul>
    <li><a href="/#settings">Settings</a></li>
    <li><a href="/#updates">Updates</a></li>
    <li><a href="/demo/phpinfo.php">Server info (phpinfo)</a></li>
  </ul>
</nav>
<main>
  <p class="crumbs">Control panel › Dashboard</p>
  <h1>Dashboard</h1>
  <div class="cards">
    <div class="card"><p class="label">Orders today</p><p class="value">128</p><p class="trend">+12% on last week</p></div>
    <div class="card"><p class="label">Revenue today</p><p class="value">€4,210</p><p class="trend">+5% on last week</p></div>
    <div class="card"><p class="label">Visitors</p><p class="value">3,944</p><p class="trend">+2% on last week</p></div>
    <div class="card"><p class="label">Cache hit rate</p><p class="value">96%</p><p class="trend">stable</p></div>
  </div>
  <div class="grid2">
    <section class="panel" aria-labelledby="orders-title">
      <h2 id="orders-title">Recent orders</h2>
      <table>
        <thead><tr><th>Order</th><th>Customer</th><th>Total</th><th>Status</th></tr></thead>
        <tbody>
`;

const DASHBOARD_MIDDLE = `
        </tbody>
      </table>
    </section>
    <div>
      <section class="panel" aria-labelledby="sys-title">
        <h2 id="sys-title">System</h2>
        <dl class="sys">
          <dt>Product version</dt><dd>24.100.0</dd>
          <dt>Edition</dt><dd>Cloud</dd>
          <dt>PHP</dt><dd>8.2.12</dd>
          <dt>Last backup</dt><dd>today, 03:00</dd>
        </dl>
      </section>
      <section class="panel update" aria-labelledby="upd-title">
        <h2 id="upd-title">Update available</h2>
        <p>Harbor CMS 24.100.1 fixes a checkout issue. <a href="/#updates">Review the update</a></p>
      </section>
    </div>
  </div>
  <section class="panel about" aria-labelledby="about-title">
    <h2 id="about-title">About this demo: Tidings</h2>
    <p>This page plays the control panel of a web product. The <strong>Support</strong> button at the bottom right is
    <strong>Tidings</strong>, an open-source support desk: an embeddable help widget, an SLA clock that counts business
    hours, and mail threading by ticket ID. Open it, describe a problem, attach or capture a screenshot, include the
    server configuration (its passwords and keys are removed in your browser), and send: you get a ticket ID, the
    service level and when the answer is due.</p>
    <p>The product embeds it with one tag (this page's nonce added for its strict Content-Security-Policy):</p>
    <pre>`;

const DASHBOARD_END = `</pre>
    <ul class="links">
      <li><a href="/api/v1/openapi.json">The API description (OpenAPI)</a></li>
      <li><a href="/api/v1/schedule">Opening hours and holidays</a></li>
      <li><a href="/healthz">Health</a> and <a href="/readyz">readiness</a></li>
    </ul>
  </section>
</main>
</div>
</body>
</html>`;

function page({ publicUrl, siteKey, nonce }: { publicUrl: string; siteKey: string; nonce: string }): string {
  const u = esc(publicUrl);
  const tag = `<script src="${publicUrl}/widget.js" data-site="${siteKey}" data-product-version="24.100.0" data-edition="cloud" data-phpinfo-url="/demo/phpinfo.php" defer></script>`;
  return `<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>Dashboard · Harbor CMS control panel (Tidings demo)</title>
<link rel="icon" href="data:,">
<link rel="stylesheet" href="/demo/panel.css">
<script nonce="${nonce}" src="${u}/widget.js" data-site="${esc(siteKey)}" data-product-version="24.100.0" data-edition="cloud" data-phpinfo-url="/demo/phpinfo.php" defer></script>
<script nonce="${nonce}" src="/demo/panel.js" defer></script>
</head>
${DASHBOARD_TOP}${ORDERS.map(([id, who, total, cls, status]) => `          <tr><td>${id}</td><td>${who}</td><td>${total}</td><td><span class="badge ${cls}">${status}</span></td></tr>`).join("\n")}${DASHBOARD_MIDDLE}${esc(tag)}${DASHBOARD_END}`;
}
