/**
 * What the dialog sends as the browser details (widget/panel/model/environment.ts): redacted with
 * phpinfo's rules, cut to the server's limits, and always acceptable to the server's schema. And
 * how the server names browsers and systems from the User-Agent (server/domain/user-agent.ts).
 */
import { describe, expect, test } from "vitest";
import { environmentSchema } from "../../shared/api/environment";
import { ENVIRONMENT_LIMITS } from "../../shared/limits";
import { browserOf, systemOf } from "../../server/domain/user-agent";
import { buildEnvironment, redactAddress, type BrowserFacts } from "../../widget/panel/model/environment";
import type { PageTrail } from "../../widget/types";

const facts: BrowserFacts = {
  userAgent: "Mozilla/5.0 (X11; Linux x86_64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/131.0.0.0 Safari/537.36",
  brands: [{ brand: "Not_A Brand", version: "24" }, { brand: "Chromium", version: "131" }, { brand: "Google Chrome", version: "131" }],
  platform: "Linux",
  viewport: { width: 1280, height: 720, pixelRatio: 1.5 },
  languages: ["de-DE", "de", "en"],
  timeZone: "Europe/Berlin",
  href: "https://ops:hunter2@shop.example/admin/users/jane.doe@shop.example/edit?token=abc#x",
};
const at = "2026-03-02T09:00:00.000Z";
const trail = (t: Partial<PageTrail>): PageTrail => ({ errors: [], requests: [], ...t });

describe("the browser details the dialog sends", () => {
  test("browser from the client hints, the page without query, password or email, and valid for the server", () => {
    const env = buildEnvironment(trail({}), facts);
    expect(env).toMatchObject({
      browser: { name: "Google Chrome", version: "131" },
      os: { name: "Linux" },
      viewport: { width: 1280, height: 720, pixelRatio: 1.5 },
      languages: ["de-DE", "de", "en"],
      timeZone: "Europe/Berlin",
      page: "https://shop.example/admin/users/[REDACTED]/edit",
    });
    expect(environmentSchema.safeParse(env).success).toBe(true);
  });

  test("secrets in messages, stacks and addresses are removed by phpinfo's rules, per path segment too", () => {
    const env = buildEnvironment(trail({
      errors: [
        { kind: "console", message: "401 for Bearer eyJhbGciOiJIUzI1NiJ9.eyJzdWIiOiIxMjM0NTY3ODkwIn0.c2lnbmF0dXJl from api; mail ops@shop.example", at },
        { kind: "error", message: "Stripe failed: sk_live_4eC39HqLyjWDarjtT1zdp7dc", stack: "at pay (https://shop.example/pay.js?api_key=AKIAIOSFODNN7EXAMPLE:1:2)", at },
      ],
      requests: [
        { method: "GET", url: "https://shop.example/api/reset/3f9a8b7c6d5e4f3a2b1c0d9e8f7a6b5c4d3e2f1a/confirm", status: 404, at },
        { method: "GET", url: "https://hooks.slack.com/services/xoxb-1234567890-abcdefghij", status: 0, at },
        { method: "POST", url: "https://shop.example/api/orders/42", status: 500, at },
      ],
    }), facts);
    const sent = JSON.stringify(env);
    for (const secret of ["eyJhbGci", "ops@shop.example", "sk_live_4eC39", "AKIAIOSFODNN7EXAMPLE", "3f9a8b7c6d5e", "xoxb-1234567890", "hunter2", "jane.doe"]) expect(sent).not.toContain(secret);
    expect(env.errors![0]!.message).toBe("401 for Bearer [REDACTED] from api; mail [REDACTED]");
    expect(env.requests!.map((r) => r.url)).toEqual([
      "https://shop.example/api/reset/[REDACTED]/confirm",
      "https://hooks.slack.com/services/[REDACTED]",
      // What support needs stays: hosts, paths and plain ids.
      "https://shop.example/api/orders/42",
    ]);
  });

  test("long texts are cut to the server's limits after redaction", () => {
    const env = buildEnvironment(trail({
      errors: [{ kind: "error", message: `${"x".repeat(1990)} token=${"s".repeat(40)}`, stack: `at ${"f".repeat(900)}`, at }],
      requests: [{ method: "GET", url: `https://shop.example/${"p".repeat(3000)}`, status: 404, at }],
    }), { ...facts, userAgent: "U".repeat(900), languages: Array.from({ length: 15 }, (_, i) => `x-${i}`) });
    expect(env.errors![0]!.message).toHaveLength(ENVIRONMENT_LIMITS.message);
    expect(env.errors![0]!.stack).toHaveLength(ENVIRONMENT_LIMITS.stack);
    expect(env.requests![0]!.url).toHaveLength(ENVIRONMENT_LIMITS.url);
    expect(env.languages).toHaveLength(ENVIRONMENT_LIMITS.languages);
    expect(environmentSchema.safeParse(env).success).toBe(true);
  });

  test("without client hints, the User-Agent string goes alone; the server names browser and system", () => {
    const env = buildEnvironment(trail({}), { ...facts, brands: undefined, platform: undefined, userAgent: "Mozilla/5.0 (iPhone; CPU iPhone OS 17_5 like Mac OS X) AppleWebKit/605.1.15 (KHTML, like Gecko) Version/17.5 Mobile/15E148 Safari/604.1" });
    expect(env.browser).toBeUndefined();
    expect(redactAddress("https://a.example/x?y=1")).toBe("https://a.example/x");
    expect(browserOf(env.userAgent!)).toEqual({ name: "Safari", version: "17.5" });
    expect(systemOf(env.userAgent!)).toEqual({ name: "iOS", version: "17.5" });
  });

  test.each([
    ["Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/131.0.0.0 Safari/537.36 Edg/131.0.2903.86", "Edge", "131.0.2903.86", "Windows", "10.0"],
    ["Mozilla/5.0 (Linux; Android 14; Pixel 8) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/131.0.6778.135 Mobile Safari/537.36", "Chrome", "131.0.6778.135", "Android", "14"],
    ["Mozilla/5.0 (X11; Ubuntu; Linux x86_64; rv:133.0) Gecko/20100101 Firefox/133.0", "Firefox", "133.0", "Linux", undefined],
    ["Mozilla/5.0 (Macintosh; Intel Mac OS X 10_15_7) AppleWebKit/605.1.15 (KHTML, like Gecko) Version/18.1 Safari/605.1.15", "Safari", "18.1", "macOS", "10.15.7"],
    ["Mozilla/5.0 (X11; Linux x86_64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/131.0.0.0 Safari/537.36 OPR/115.0.0.0", "Opera", "115.0.0.0", "Linux", undefined],
  ])("the server names %s", (ua, browser, version, os, osVersion) => {
    expect(browserOf(ua)).toEqual({ name: browser, version });
    expect(systemOf(ua)).toEqual(osVersion ? { name: os, version: osVersion } : { name: os });
  });
});
