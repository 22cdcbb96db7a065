import { afterAll, beforeAll, describe, expect, test } from "vitest";
import { ensureAssets, readManifest } from "../../server/build-assets";
import { FAKE_SECRETS } from "../../server/http/demo-phpinfo";
import { DEMO_SITE_KEY, ensureDemoSite } from "../../server/services/demo-site";
import { drivers } from "../support/databases";
import { adminHeaders, postJson, startTestApp, type TestApp } from "../support/test-app";

const PUBLIC_URL = "https://support.example";
const SHOP = "https://shop.example";

describe.each(drivers())("the widget's server side on %s", (driver) => {
  let t: TestApp;
  let siteKey = "";
  beforeAll(async () => {
    await ensureAssets();
    t = await startTestApp(driver, { PUBLIC_URL });
    const res = await postJson(t, "/api/v1/admin/sites", { name: "Shop", allowedOrigins: [SHOP] }, adminHeaders);
    siteKey = (await res.json()).siteKey;
  });
  afterAll(async () => { await t?.close(); });

  const preflight = (origin: string) =>
    t.app.request("/api/v1/tickets", {
      method: "OPTIONS",
      headers: { Origin: origin, "Access-Control-Request-Method": "POST", "Access-Control-Request-Headers": "idempotency-key,x-tidings-site" },
    });

  test("widget.js: short cache with ETag; chunks: immutable; both loadable from any origin", async () => {
    const js = await t.app.request("/widget.js");
    expect(js.status).toBe(200);
    expect(js.headers.get("content-type")).toBe("text/javascript; charset=utf-8");
    expect(js.headers.get("cache-control")).toBe("public, max-age=300, must-revalidate");
    expect(js.headers.get("access-control-allow-origin")).toBe("*");
    expect(js.headers.get("cross-origin-resource-policy")).toBe("cross-origin");
    expect(js.headers.get("x-content-type-options")).toBe("nosniff");
    const body = await js.text();
    expect(body.startsWith("(function(){")).toBe(true);
    const again = await t.app.request("/widget.js", { headers: { "If-None-Match": js.headers.get("etag")! } });
    expect(again.status).toBe(304);

    const { panel, capture, zip } = readManifest()!.files;
    for (const file of [panel, capture, zip]) {
      expect(body).toContain(`widget/${file}`);
      const chunk = await t.app.request(`/widget/${file}`);
      expect(chunk.status, file).toBe(200);
      expect(chunk.headers.get("cache-control")).toBe("public, max-age=31536000, immutable");
      expect(chunk.headers.get("cross-origin-resource-policy")).toBe("cross-origin");
    }
    expect((await t.app.request("/widget/panel-doesnotexist.js")).status).toBe(404);
    expect((await t.app.request("/widget/..%2Fmanifest.json")).status).toBe(404);
  });

  test("CORS on POST /api/v1/tickets only for origins a site allows, errors included", async () => {
    const ok = await preflight(SHOP);
    expect(ok.status).toBe(204);
    expect(ok.headers.get("access-control-allow-origin")).toBe(SHOP);
    expect(ok.headers.get("access-control-allow-methods")).toBe("POST");
    expect(ok.headers.get("access-control-allow-headers")).toContain("Idempotency-Key");
    expect(ok.headers.get("access-control-allow-headers")).toContain("X-Tidings-Site");
    expect(ok.headers.get("access-control-allow-credentials")).toBeNull();

    const evil = await preflight("https://evil.example");
    expect(evil.status).toBe(403);
    expect(evil.headers.get("access-control-allow-origin")).toBeNull();

    const created = await postJson(t, "/api/v1/tickets", { email: "a@shop.example", description: "CORS" }, { Origin: SHOP, "X-Tidings-Site": siteKey });
    expect(created.status).toBe(201);
    expect(created.headers.get("access-control-allow-origin")).toBe(SHOP);
    expect(created.headers.get("access-control-expose-headers")).toContain("Idempotent-Replayed");
    expect(created.headers.get("vary")).toContain("Origin");

    const refused = await postJson(t, "/api/v1/tickets", { email: "a@shop.example" }, { Origin: SHOP, "X-Tidings-Site": siteKey });
    expect(refused.status).toBe(422);
    expect(refused.headers.get("access-control-allow-origin")).toBe(SHOP);

    const foreign = await postJson(t, "/api/v1/tickets", { email: "a@shop.example", description: "x" }, { Origin: "https://evil.example", "X-Tidings-Site": siteKey });
    expect(foreign.status).toBe(403);
    expect(foreign.headers.get("access-control-allow-origin")).toBeNull();

    const { tid } = await created.json();
    const read = await t.app.request(`/api/v1/tickets/${tid}`, { headers: { ...adminHeaders, Origin: SHOP } });
    expect(read.headers.get("access-control-allow-origin")).toBeNull();
  });

  test("the demo control panel: strict CSP, the widget tag with the demo site, which accepts PUBLIC_URL's origin", async () => {
    const res = await t.app.request("/");
    expect(res.status).toBe(200);
    const csp = res.headers.get("content-security-policy")!;
    const nonce = /script-src 'nonce-([^']+)'/.exec(csp)?.[1];
    expect(nonce).toBeTruthy();
    expect(csp).not.toContain("unsafe-inline");
    expect(csp).toContain("style-src 'self'");
    const html = await res.text();
    expect(html).toContain(`<script nonce="${nonce}" src="${PUBLIC_URL}/widget.js" data-site="${DEMO_SITE_KEY}" data-product-version="24.100.0" data-edition="cloud" data-phpinfo-url="/demo/phpinfo.php" defer></script>`);
    expect(html).not.toMatch(/<style|style="/);
    expect(html).toContain("Tidings");

    const ticket = await postJson(t, "/api/v1/tickets", { email: "demo@shop.example", description: "From the demo" }, { Origin: PUBLIC_URL, "X-Tidings-Site": DEMO_SITE_KEY });
    expect(ticket.status).toBe(201);
    const elsewhere = await postJson(t, "/api/v1/tickets", { email: "demo@shop.example", description: "x" }, { Origin: SHOP, "X-Tidings-Site": DEMO_SITE_KEY });
    expect((await elsewhere.json()).error.code).toBe("ORIGIN_NOT_ALLOWED");

    // A new PUBLIC_URL moves the demo site with it at the next start.
    await ensureDemoSite(t.deps.db, "http://localhost:9999");
    const moved = await postJson(t, "/api/v1/tickets", { email: "demo@shop.example", description: "x" }, { Origin: "http://127.0.0.1:9999", "X-Tidings-Site": DEMO_SITE_KEY });
    expect(moved.status).toBe(201);
    await ensureDemoSite(t.deps.db, PUBLIC_URL);
  });

  test("the demo phpinfo page looks like phpinfo() and holds the fake secrets the widget must remove", async () => {
    const res = await t.app.request("/demo/phpinfo.php");
    expect(res.status).toBe(200);
    expect(res.headers.get("cache-control")).toBe("no-store");
    const html = await res.text();
    expect(html).toContain("<title>PHP 8.2.12 - phpinfo()</title>");
    for (const secret of Object.values(FAKE_SECRETS)) expect(html).toContain(secret);
  });
});
