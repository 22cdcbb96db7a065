import { afterAll, beforeAll, describe, expect, test } from "vitest";
import { count } from "drizzle-orm";
import { attachments, idempotencyKeys, tickets } from "../../server/db/schema";
import { png } from "../fixtures/files";
import { ensureAssets, readManifest } from "../../server/build-assets";
import { FAKE_SECRETS } from "../../server/http/demo-phpinfo";
import { DEMO_SITE_KEY, ensureDemoSite } from "../../server/services/accounts/demo-site";
import { drivers } from "../support/databases";
import { adminHeaders, postJson, startTestApp, type TestApp } from "../support/test-app";
import { answerOf, errorOf } from "../support/answers";
import { ticketCreatedSchema } from "../../shared/api/tickets";
import { siteCreatedSchema } from "../../shared/api/console-responses";

const PUBLIC_URL = "https://support.example";
const SHOP = "https://shop.example";
/** Where a site admin pasted the snippet by mistake: no site allows it. */
const ELSEWHERE = "https://staging.shop.example";

describe.each(drivers())("the widget's server side on %s", (driver) => {
  let t: TestApp;
  let siteKey = "";
  beforeAll(async () => {
    await ensureAssets();
    t = await startTestApp(driver, { PUBLIC_URL });
    const res = await postJson(t, "/api/v1/admin/sites", { name: "Shop", allowedOrigins: [SHOP] }, adminHeaders);
    siteKey = (await answerOf(res, siteCreatedSchema)).siteKey;
  });
  afterAll(async () => { await t?.close(); });

  const countRows = async () => ({
    tickets: Number((await t.deps.db.select({ n: count() }).from(tickets))[0]!.n),
    attachments: Number((await t.deps.db.select({ n: count() }).from(attachments))[0]!.n),
    idempotencyKeys: Number((await t.deps.db.select({ n: count() }).from(idempotencyKeys))[0]!.n),
  });

  const preflight = (origin: string) =>
    t.app.request("/api/v1/tickets", {
      method: "OPTIONS",
      headers: { Origin: origin, "Access-Control-Request-Method": "POST", "Access-Control-Request-Headers": "idempotency-key,x-tidings-site" },
    });

  test("the bundles are production builds even when the test runner (NODE_ENV=test) built them", async () => {
    expect(process.env.NODE_ENV).toBe("test");
    const manifest = readManifest()!;
    for (const name of ["widget", "panel"] as const) {
      const js = await (await t.app.request(name === "widget" ? "/widget.js" : `/widget/${manifest.files[name].replace(/^widget\//, "")}`)).text();
      expect(js.length, name).toBeGreaterThan(1000);
      // Development JSX carries each element's source file and line.
      expect(js, name).not.toMatch(/lineNumber:|jsxDEV|\/widget\/panel\/\w+\.tsx/);
    }
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

    const { panel, capture, zip, editor } = readManifest()!.files;
    for (const file of [panel, capture, zip, editor]) {
      expect(body).toContain(`widget/${file}`);
      const chunk = await t.app.request(`/widget/${file}`);
      expect(chunk.status, file).toBe(200);
      expect(chunk.headers.get("cache-control")).toBe("public, max-age=31536000, immutable");
      expect(chunk.headers.get("cross-origin-resource-policy")).toBe("cross-origin");
    }
    expect((await t.app.request("/widget/panel-doesnotexist.js")).status).toBe(404);
    expect((await t.app.request("/widget/..%2Fmanifest.json")).status).toBe(404);
  });

  test("CORS on POST /api/v1/tickets for origins a site allows: every answer readable, errors included", async () => {
    const ok = await preflight(SHOP);
    expect(ok.status).toBe(204);
    expect(ok.headers.get("access-control-allow-origin")).toBe(SHOP);
    expect(ok.headers.get("access-control-allow-methods")).toBe("POST");
    expect(ok.headers.get("access-control-allow-headers")).toContain("Idempotency-Key");
    expect(ok.headers.get("access-control-allow-headers")).toContain("X-Tidings-Site");
    expect(ok.headers.get("access-control-allow-credentials")).toBeNull();

    const created = await postJson(t, "/api/v1/tickets", { email: "a@shop.example", description: "CORS" }, { Origin: SHOP, "X-Tidings-Site": siteKey });
    expect(created.status).toBe(201);
    expect(created.headers.get("access-control-allow-origin")).toBe(SHOP);
    expect(created.headers.get("access-control-expose-headers")).toContain("Idempotent-Replayed");
    expect(created.headers.get("vary")).toContain("Origin");

    const refused = await postJson(t, "/api/v1/tickets", { email: "a@shop.example" }, { Origin: SHOP, "X-Tidings-Site": siteKey });
    expect(refused.status).toBe(422);
    expect(refused.headers.get("access-control-allow-origin")).toBe(SHOP);

    const { tid } = await answerOf(created, ticketCreatedSchema);
    const read = await t.app.request(`/api/v1/tickets/${tid}`, { headers: { ...adminHeaders, Origin: SHOP } });
    expect(read.headers.get("access-control-allow-origin")).toBeNull();
  });

  test("an origin no site allows: the preflight passes, the POST is refused with a readable 403 ORIGIN_NOT_ALLOWED naming the origin, and nothing is stored", async () => {
    const before = await countRows();
    const pre = await preflight(ELSEWHERE);
    expect(pre.status).toBe(204);
    expect(pre.headers.get("access-control-allow-origin")).toBe(ELSEWHERE);
    expect(pre.headers.get("access-control-allow-methods")).toBe("POST");
    expect(pre.headers.get("access-control-allow-headers")).toContain("X-Tidings-Site");
    expect(pre.headers.get("access-control-allow-credentials")).toBeNull();
    expect(pre.headers.get("vary")).toContain("Origin");

    const key = `wrong-host-${driver}-0001`;
    const body = { email: "a@shop.example", description: "Pasted on the wrong host" };
    const refused = await postJson(t, "/api/v1/tickets", body, { Origin: ELSEWHERE, "X-Tidings-Site": siteKey, "Idempotency-Key": key });
    expect(refused.status).toBe(403);
    expect(refused.headers.get("access-control-allow-origin")).toBe(ELSEWHERE);
    expect(refused.headers.get("access-control-allow-credentials")).toBeNull();
    expect(refused.headers.get("access-control-expose-headers")).toContain("X-Request-Id");
    expect(refused.headers.get("vary")).toContain("Origin");
    const { error } = await errorOf(refused);
    expect(error.code).toBe("ORIGIN_NOT_ALLOWED");
    expect(error.message).toBe(
      `The support widget may not be used on ${ELSEWHERE}: it is not one of the allowed origins of the widget's site. ` +
        "A Tidings administrator can allow it in the console under Admin → Sites (allowed origins).",
    );
    expect(error.requestId).toBe(refused.headers.get("x-request-id"));

    // Multipart with a file, without a site key: a foreign page cannot file tickets through its visitors either.
    const form = new FormData();
    form.append("email", "a@shop.example");
    form.append("description", "Through a foreign page");
    form.append("attachments", new Blob([new Uint8Array(png())], { type: "image/png" }), "shot.png");
    const plain = await t.app.request("/api/v1/tickets", { method: "POST", body: form, headers: { Origin: ELSEWHERE } });
    expect(plain.status).toBe(403);
    expect((await errorOf(plain)).error.code).toBe("ORIGIN_NOT_ALLOWED");

    // An origin another site allows, with a key of a site that does not: refused the same way, in the same words.
    const blog = await answerOf(await postJson(t, "/api/v1/admin/sites", { name: "Blog", allowedOrigins: ["https://blog.example"] }, adminHeaders), siteCreatedSchema);
    const crossed = await postJson(t, "/api/v1/tickets", body, { Origin: SHOP, "X-Tidings-Site": blog.siteKey });
    expect(crossed.status).toBe(403);
    expect(crossed.headers.get("access-control-allow-origin")).toBe(SHOP);
    // vitest types its asymmetric matchers `any`; this one stands for the message string.
    expect((await errorOf(crossed)).error).toMatchObject({ code: "ORIGIN_NOT_ALLOWED", message: expect.stringContaining(`used on ${SHOP}:`) as string });
    const unknown = await postJson(t, "/api/v1/tickets", body, { Origin: ELSEWHERE, "X-Tidings-Site": "site_nope" });
    expect(unknown.status).toBe(403);
    expect(unknown.headers.get("access-control-allow-origin")).toBe(ELSEWHERE);
    expect((await errorOf(unknown)).error.code).toBe("SITE_UNKNOWN");

    expect(await countRows()).toEqual(before);
    // The refused key was not remembered: the same report from the right host is a new ticket.
    const right = await postJson(t, "/api/v1/tickets", body, { Origin: SHOP, "X-Tidings-Site": siteKey, "Idempotency-Key": key });
    expect(right.status).toBe(201);
    expect(right.headers.get("idempotent-replayed")).toBeNull();
    expect(right.headers.get("access-control-allow-origin")).toBe(SHOP);
  });

  test("no other route becomes readable from a foreign origin; programs without Origin and Tidings' own pages are unaffected", async () => {
    const api = await postJson(t, "/api/v1/tickets", { email: "api@shop.example", description: "From a program" });
    expect(api.status).toBe(201);
    expect(api.headers.get("access-control-allow-origin")).toBeNull();
    const own = await postJson(t, "/api/v1/tickets", { email: "api@shop.example", description: "From our own page" }, { Origin: PUBLIC_URL });
    expect(own.status).toBe(201);
    const { tid } = await answerOf(api, ticketCreatedSchema);

    const probes: [string, RequestInit][] = [
      [`/api/v1/tickets/${tid}`, { headers: { ...adminHeaders, Origin: ELSEWHERE } }],
      [`/api/v1/tickets/${tid}/messages`, { method: "OPTIONS", headers: { Origin: ELSEWHERE, "Access-Control-Request-Method": "POST" } }],
      [`/api/v1/tickets/${tid}/messages`, { method: "POST", headers: { Origin: ELSEWHERE, "Content-Type": "application/json" }, body: "{}" }],
      ["/api/v1/portal/tickets", { method: "OPTIONS", headers: { Origin: ELSEWHERE, "Access-Control-Request-Method": "POST" } }],
      ["/api/v1/auth/login", { method: "OPTIONS", headers: { Origin: SHOP, "Access-Control-Request-Method": "POST" } }],
      ["/api/v1/tickets", { headers: { Origin: ELSEWHERE } }],
    ];
    for (const [url, init] of probes) {
      const res = await t.app.request(url, init);
      expect(res.headers.get("access-control-allow-origin"), `${init.method ?? "GET"} ${url}`).toBeNull();
      expect(res.headers.get("access-control-allow-credentials"), url).toBeNull();
    }
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
    expect((await errorOf(elsewhere)).error.code).toBe("ORIGIN_NOT_ALLOWED");

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
