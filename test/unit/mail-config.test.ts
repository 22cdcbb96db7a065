import { describe, expect, test } from "vitest";
import { ConfigError, loadConfig } from "../../server/config";
import { isOurAddress } from "../../server/domain/mail/our-addresses";
import { fromHeader } from "../../server/mail/from-header";

describe("which inbound addresses are ours (MAIL_INBOUND_DOMAINS, MAIL_INBOUND_ADDRESSES)", () => {
  test("by default every address at the MAIL_FROM domain, in any case and either form of an IDN", () => {
    const c = loadConfig({ MAIL_FROM: "support@bücher.example" });
    expect(c.mailInbound).toEqual({ domains: ["xn--bcher-kva.example"], addresses: [] });
    expect(isOurAddress("Support@BÜCHER.example", c.mailInbound)).toBe(true);
    expect(isOurAddress("jürgen@xn--bcher-kva.example", c.mailInbound)).toBe(true);
    expect(isOurAddress("support@elsewhere.example", c.mailInbound)).toBe(false);
    expect(isOurAddress("support@sub.bücher.example", c.mailInbound)).toBe(false);
    expect(isOurAddress("no-at-sign", c.mailInbound)).toBe(false);
  });

  test("listed addresses alone; listed domains on top", () => {
    const only = loadConfig({ MAIL_FROM: "support@tidings.test", MAIL_INBOUND_ADDRESSES: "support@tidings.test, Billing@Tidings.test" });
    expect(isOurAddress("billing@tidings.test", only.mailInbound)).toBe(true);
    expect(isOurAddress("random@tidings.test", only.mailInbound)).toBe(false);
    const both = loadConfig({ MAIL_INBOUND_ADDRESSES: "a@x.example", MAIL_INBOUND_DOMAINS: "tidings.test,help.example" });
    expect(isOurAddress("anyone@help.example", both.mailInbound)).toBe(true);
    expect(isOurAddress("a@x.example", both.mailInbound)).toBe(true);
    expect(isOurAddress("b@x.example", both.mailInbound)).toBe(false);
  });

  test("bad values stop the start naming the variable", () => {
    expect(() => loadConfig({ MAIL_INBOUND_DOMAINS: "tidings.test, @bad" })).toThrow(/MAIL_INBOUND_DOMAINS/);
    expect(() => loadConfig({ MAIL_INBOUND_ADDRESSES: "not-an-address" })).toThrow(/MAIL_INBOUND_ADDRESSES/);
    expect(() => loadConfig({ SMTP_INBOUND_TLS_CERT: "/etc/cert.pem" })).toThrow(ConfigError);
    expect(() => loadConfig({ SMTP_INBOUND_TLS_CERT: "/etc/cert.pem" })).toThrow(/SMTP_INBOUND_TLS_KEY/);
    expect(() => loadConfig({ MAIL_FROM_NAME: "Evil\r\nBcc: x@y" })).toThrow(/MAIL_FROM_NAME/);
  });
});

describe("how we greet and sign outbound mail", () => {
  test("the EHLO name is PUBLIC_URL's host unless SMTP_EHLO_NAME says otherwise", () => {
    expect(loadConfig({ PUBLIC_URL: "https://help.tidings.test/desk" }).smtpEhloName).toBe("help.tidings.test");
    expect(loadConfig({ PUBLIC_URL: "https://help.tidings.test", SMTP_EHLO_NAME: "mx1.tidings.test" }).smtpEhloName).toBe("mx1.tidings.test");
  });

  test("From carries MAIL_FROM_NAME as its display name when set", () => {
    expect(fromHeader(loadConfig({ MAIL_FROM: "support@tidings.test" }))).toBe("support@tidings.test");
    expect(fromHeader(loadConfig({ MAIL_FROM: "support@tidings.test", MAIL_FROM_NAME: "Tidings Support" }))).toEqual({ name: "Tidings Support", address: "support@tidings.test" });
  });
});
