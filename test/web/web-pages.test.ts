/**
 * How the server hands out the portal (server/http/web-pages.ts): one page for every portal
 * address under a CSP without inline script, hashed assets cached for good, and a sign-in link
 * whose GET spends nothing (a mail scanner may fetch it; only the page's POST signs in).
 */
import fs from "node:fs";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, test } from "vitest";
import { ensureAssets, WEB_DIR } from "../../server/build-assets";
import { mailedLinkToken } from "../support/sessions";
import { postJson, startTestApp, type TestApp } from "../support/test-app";

describe("the portal's pages", () => {
  let t: TestApp;
  beforeAll(async () => {
    await ensureAssets();
    t = await startTestApp("pglite");
  });
  afterAll(async () => { await t?.close(); });

  test("every portal address answers with the page, under a CSP without inline script", async () => {
    for (const p of ["/portal/", "/portal/new", "/portal/t/1000015?token=abc", "/portal/anything/else"]) {
      const res = await t.app.request(p);
      expect(res.status, p).toBe(200);
      expect(res.headers.get("content-type")).toBe("text/html; charset=utf-8");
      const csp = res.headers.get("content-security-policy")!;
      expect(csp).toMatch(/(^|; )script-src 'self'(;|$)/);
      expect(csp).toContain("style-src 'self'");
      expect(csp).toContain("require-trusted-types-for 'script'");
      expect(csp).toContain("frame-ancestors 'none'");
      const html = await res.text();
      // Scripts only by src: no inline script (and no inline style) in the built page.
      expect(html).not.toMatch(/<script(?![^>]*\bsrc=)[^>]*>/);
      expect(html).not.toMatch(/<style|\sstyle=/);
    }
    const bare = await t.app.request("/portal?x=1");
    expect(bare.status).toBe(301);
    expect(bare.headers.get("location")).toBe("/portal/?x=1");
  });

  test("assets: immutable, typed, nosniff; nothing outside the assets folder", async () => {
    const files = fs.readdirSync(path.join(WEB_DIR, "portal", "assets"));
    const js = files.find((f) => f.endsWith(".js"))!;
    const res = await t.app.request(`/portal/assets/${js}`);
    expect(res.status).toBe(200);
    expect(res.headers.get("content-type")).toBe("text/javascript; charset=utf-8");
    expect(res.headers.get("cache-control")).toBe("public, max-age=31536000, immutable");
    expect(res.headers.get("x-content-type-options")).toBe("nosniff");
    for (const bad of ["/portal/assets/..%2Findex.html", "/portal/assets/index.html", "/portal/assets/missing-123.js"]) {
      expect((await t.app.request(bad)).status, bad).toBe(404);
    }
  });

  test("GET of the mailed sign-in link spends nothing; the page's POST does, once", async () => {
    expect((await postJson(t, "/api/v1/auth/link", { email: "scan@kunde.example" })).status).toBe(202);
    const token = await mailedLinkToken(t, "scan@kunde.example");
    for (let i = 0; i < 3; i++) expect((await t.app.request(`/portal/sign-in?token=${token}`)).status).toBe(200);
    expect((await postJson(t, "/api/v1/auth/link/consume", { token })).status).toBe(200);
    expect((await postJson(t, "/api/v1/auth/link/consume", { token })).status).toBe(410);
  });
});
