// @vitest-environment happy-dom
import { describe, expect, test } from "vitest";
import { FAKE_SECRETS, phpinfoPage } from "../../server/http/demo-phpinfo";
import { redactPhpinfo, redactValue, REDACTED } from "../../widget/panel/phpinfo/redact";
import { readPhpinfo } from "../../widget/panel/phpinfo/source";

const demo = () => phpinfoPage({ host: "shop.example", userAgent: "Mozilla/5.0 Test", nonce: "n", remoteAddr: "203.0.113.7" });

describe("phpinfo redaction (SLA 4.8)", () => {
  test("the demo page's phpinfo() HTML loses every secret and keeps what support needs", () => {
    const { text, hiddenKeys, hiddenCount } = redactPhpinfo(demo());
    for (const [name, secret] of Object.entries(FAKE_SECRETS)) expect(text, name).not.toContain(secret);
    // The layout of `php -i`, which support staff read every day.
    expect(text).toContain("PHP Version 8.2.12");
    expect(text).toContain("memory_limit => 256M => 256M");
    expect(text).toContain("mysqli.default_user => shop => shop");
    expect(text).toContain("mysqli.default_pw => [REDACTED] => [REDACTED]");
    expect(text).toContain("session.cookie_httponly => On => On");
    expect(text).toContain("$_SERVER['HTTP_USER_AGENT'] => Mozilla/5.0 Test");
    expect(text).toContain("mysql://shop:[REDACTED]@db.internal:3306/shop?charset=utf8mb4");
    expect(text).toContain("tcp://cache.internal:6379?auth=[REDACTED]&database=2");
    expect(text).toContain("Server API => FPM/FastCGI");
    expect(text).not.toMatch(/<td|<style|nonce/);
    expect(hiddenKeys).toEqual(expect.arrayContaining(["DB_PASSWORD", "APP_KEY", "STRIPE_SECRET_KEY", "HTTP_COOKIE", "HTTP_AUTHORIZATION", "PHPSESSID", "mysqli.default_pw"]));
    expect(hiddenCount).toBeGreaterThanOrEqual(20);
  });

  test("`php -i` text is redacted the same way", () => {
    const text = [
      "PHP Version => 8.3.1",
      "",
      "Environment",
      "",
      "Variable => Value",
      "DB_PASS => hunter2-prod",
      "API_TOKEN => tok_abcdef123456",
      "MAILER_DSN => smtp://user:pw@mail.example:25",
      "HOME => /var/www",
    ].join("\n");
    const r = redactPhpinfo(text);
    expect(r.text).toContain("DB_PASS => [REDACTED]");
    expect(r.text).toContain("API_TOKEN => [REDACTED]");
    expect(r.text).toContain("MAILER_DSN => [REDACTED]");
    expect(r.text).toContain("HOME => /var/www");
    expect(r.text).toContain("PHP Version => 8.3.1");
    expect(r.text).not.toMatch(/hunter2|tok_abcdef|:pw@/);
  });

  test.each([
    ["a password in a URL", "https://deploy:s3cret@git.example/repo.git", "https://deploy:[REDACTED]@git.example/repo.git"],
    ["an empty user with a password", "redis://:topsecret@cache:6379", "redis://:[REDACTED]@cache:6379"],
    ["a token as the user", "https://0123456789abcdef0123@sentry.example/1", `https://${REDACTED}@sentry.example/1`],
    ["password= in a connection string", "host=db user=app password=xyz123 dbname=shop", "host=db user=app password=[REDACTED] dbname=shop"],
    ["a token in a query string", "/cb?code=1&access_token=abc.def&x=2", "/cb?code=1&access_token=[REDACTED]&x=2"],
    ["a bearer token", "Bearer abcdefghijklmnop", `Bearer ${REDACTED}`],
    ["a JWT", "token eyJhbGciOiJIUzI1NiJ9.eyJzdWIiOiIxIn0.c2lnbmF0dXJl", `token ${REDACTED}`],
    ["an AWS access key id", "id AKIAIOSFODNN7EXAMPLE here", `id ${REDACTED} here`],
    ["a Stripe live key", "sk_live_4eC39HqLyjWDarjtT1zdp7dc", REDACTED],
    ["a GitHub token", "ghp_abcdefghijklmnopqrstuvwxyz0123456789", REDACTED],
    ["a private key", "-----BEGIN RSA PRIVATE KEY-----MIIEow...-----END RSA PRIVATE KEY-----", REDACTED],
    ["a long random key", "k9Q2xW7vB4nM1pL8zR5tY3uH6jK0aS2dF4gH7", REDACTED],
  ])("hides %s under any key", (_what, input, output) => {
    expect(redactValue(input)).toBe(output);
  });

  test.each([
    ["a path", "/usr/local/lib/php/extensions/no-debug-non-zts-20220829"],
    ["a version", "8.2.12"],
    ["a switch", "On"],
    ["a URL without credentials", "https://shop.example/admin/"],
    ["a plain sentence", "Zend Engine v4.2.12, Copyright (c) Zend Technologies"],
  ])("keeps %s", (_what, value) => {
    expect(redactValue(value)).toBe(value);
  });

  test("set({phpinfo}) is used as given; a URL is read only from the page's own origin", async () => {
    const given = await readPhpinfo({ given: "DB_PASSWORD => abc123secret", url: "", pageHref: "https://shop.example/" });
    expect(given).toMatchObject({ ok: true, phpinfo: { text: "DB_PASSWORD => [REDACTED]\n" } });
    let fetched = "";
    const fetchFn = ((url: string) => {
      fetched = url;
      return Promise.resolve(new Response(demo(), { status: 200 }));
    }) as unknown as typeof fetch;
    const same = await readPhpinfo({ url: "/admin/phpinfo.php", pageHref: "https://shop.example/admin/" }, fetchFn);
    expect(fetched).toBe("https://shop.example/admin/phpinfo.php");
    expect(same.ok && same.phpinfo.text).toContain("PHP Version 8.2.12");
    fetched = "";
    const other = await readPhpinfo({ url: "https://evil.example/phpinfo.php", pageHref: "https://shop.example/admin/" }, fetchFn);
    expect(other).toEqual({ ok: false, reason: "origin" });
    expect(fetched).toBe("");
    const tooBig = await readPhpinfo({ given: `PHP Version => 8\nLong => ${"a b ".repeat(600_000)}`, url: "", pageHref: "https://shop.example/" });
    expect(tooBig).toEqual({ ok: false, reason: "tooLarge" });
  });
});
