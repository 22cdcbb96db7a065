import { describe, expect, test } from "vitest";
import { mailContentHash } from "../../server/domain/mail/content-hash";
import { addressKey } from "../../server/smtp/connection-limits";
import { normalizeAddress } from "../../server/mail/parse";

const mail = (head: string[], body = "Hello.\r\n") => Buffer.from([...head, "", body].join("\r\n"));
const base = ["From: ann@kunde.example", "To: support@tidings.test", "Subject: Help", "Date: Tue, 01 Dec 2026 10:00:00 +0100", "Message-ID: <a@b>"];

describe("mailContentHash: what makes a redelivery the same mail", () => {
  const h = (raw: Buffer, from = "ann@kunde.example") => mailContentHash(raw, from);

  test("trace and verdict fields added by relays do not count", () => {
    const relayed = mail([
      "Return-Path: <x@y>", "Received: from a by b; Tue, 1 Dec 2026 10:01:00 +0100", "Delivered-To: support@tidings.test", "X-Original-To: support@tidings.test",
      "Authentication-Results: mx; spf=pass", "ARC-Seal: i=1; b=zz", "DKIM-Signature: v=1; d=relay.example; b=qq", "X-Spam-Score: 1.2", "X-Rspamd-Queue-Id: 77",
      ...base,
    ]);
    expect(h(relayed)).toBe(h(mail(base)));
  });

  test("refolded header lines, LF line ends in the header and an added final line end do not count", () => {
    const folded = mail([...base.slice(0, 2), "Subject:\r\n  Help", ...base.slice(3)], "Hello.\r\n\r\n");
    expect(h(folded)).toBe(h(mail(base)));
    expect(h(Buffer.from(`${base.join("\n")}\n\nHello.\r\n`))).toBe(h(mail(base)));
  });

  test("another sender, subject, date, recipient or body byte is another mail", () => {
    const one = h(mail(base));
    expect(h(mail(base), "bob@kunde.example")).not.toBe(one);
    expect(h(mail(base.map((l) => l.replace("Help", "Help!"))))).not.toBe(one);
    expect(h(mail(base.map((l) => l.replace("10:00:00", "10:00:01"))))).not.toBe(one);
    expect(h(mail(base.map((l) => l.replace("support@", "sales@"))))).not.toBe(one);
    expect(h(mail(base, "Hello!\r\n"))).not.toBe(one);
    expect(h(mail([...base, "Resent-From: boss@kunde.example"]))).not.toBe(one);
  });

  test("a mail without a blank line (headers only) still hashes", () => {
    expect(h(Buffer.from(base.join("\r\n")))).toMatch(/^[0-9a-f]{64}$/);
  });
});

describe("addresses", () => {
  test("a trailing dot and upper case do not make another address", () => {
    expect(normalizeAddress(" Someone@Example.COM. ")).toBe("someone@example.com");
    expect(normalizeAddress("a@b.example")).toBe("a@b.example");
  });

  test("connections count per IPv4 address and per IPv6 /64", () => {
    expect(addressKey("192.0.2.7")).toBe("192.0.2.7");
    expect(addressKey("::ffff:192.0.2.7")).toBe("192.0.2.7");
    expect(addressKey("2001:db8:0:1::5")).toBe(addressKey("2001:0db8:0000:0001:ffff:1:2:3"));
    expect(addressKey("2001:db8:0:1::5")).toBe("2001:db8:0:1::/64");
    expect(addressKey("2001:db8:0:2::5")).not.toBe(addressKey("2001:db8:0:1::5"));
    expect(addressKey("::1")).toBe("0:0:0:0::/64");
  });
});
