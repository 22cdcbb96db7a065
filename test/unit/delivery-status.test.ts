import { describe, expect, test } from "vitest";
import { basicCodeOf, classifyRefusal, enhancedCodeOf } from "../../server/domain/mail/delivery-status";
import { parseBounce } from "../../server/domain/mail/bounce";
import { parseDeliveryStatus } from "../../server/domain/mail/dsn";

/**
 * Reply lines as Postfix 3.7 (smtpd restrictions, cleanup, local/virtual), Exchange Online, Gmail
 * and qmail write them, read the way nodemailer reports them (responseCode, response, command).
 */
const rcpt = (response: string) => ({ basic: basicCodeOf(response), text: response, command: "RCPT TO" });

describe("refusals read by their codes", () => {
  test.each([
    // [reply, kind, retry, suppress, alert]
    ["550 5.1.1 <gone@kunde.example>: Recipient address rejected: User unknown in local recipient table", "mailbox", false, true, false],
    ["550 5.1.1 <gone@kunde.example>: Recipient address rejected: User unknown in virtual mailbox table", "mailbox", false, true, false],
    ["550 5.1.10 RESOLVER.ADR.RecipientNotFound; Recipient not found by SMTP address lookup", "mailbox", false, true, false],
    ["550 5.2.1 The email account that you tried to reach is disabled.", "mailbox", false, true, false],
    ["552 5.2.2 The email account that you tried to reach is over quota.", "recipient", false, false, false],
    ["554 5.7.1 <x@kunde.example>: Relay access denied", "our-setup", false, false, true],
    ["553 5.7.1 <support@tidings.test>: Sender address rejected: not owned by user support@tidings.test", "our-setup", false, false, true],
    // reject_unlisted_sender: a 5.1.x code, yet about our sender, never the client's mailbox.
    ["550 5.1.0 <support@tidings.test>: Sender address rejected: User unknown in local recipient table", "our-setup", false, false, true],
    ["553 5.1.8 <support@tidings.test>: Sender address rejected: Domain not found", "our-setup", false, false, true],
    ["450 4.1.8 <support@tidings.test>: Sender address rejected: Domain not found", "our-setup", true, false, true],
    ["554 5.7.1 <unknown[192.0.2.1]>: Client host rejected: Access denied", "our-setup", false, false, true],
    ["535 5.7.8 Error: authentication failed: authentication failure", "our-setup", false, false, true],
    ["530 5.7.0 Must issue a STARTTLS command first", "our-setup", false, false, true],
    ["554 5.7.1 <x@kunde.example>: Recipient address rejected: Access denied", "policy", false, false, true],
    ["550 5.7.26 This mail has been blocked because the sender is unauthenticated.", "policy", false, false, true],
    ["554 5.7.1 Service unavailable; Client host [192.0.2.1] blocked using zen.spamhaus.org", "policy", false, false, true],
    ["552 5.3.4 Error: message file too big", "system", false, false, true],
    ["554 5.4.14 Hop count exceeded - possible mail loop ATTR34", "system", false, false, true],
    ["451 4.3.0 Error: queue file write error", "transient", true, false, false],
    ["450 4.2.0 <x@kunde.example>: Recipient address rejected: Greylisted, see http://postgrey.schweikert.ch/help/kunde.example.html", "transient", true, false, false],
    ["421 4.7.0 [TSS04] Messages from 192.0.2.1 temporarily deferred due to unexpected volume", "transient", true, false, false],
    // No enhanced code: basic code and words.
    ["550 Requested action not taken: mailbox unavailable", "mailbox", false, true, false],
    ["511 sorry, no mailbox here by that name (#5.1.1)", "mailbox", false, true, false],
    ["553 sorry, that domain isn't in my list of allowed rcpthosts (#5.7.1)", "our-setup", false, false, true],
    ["550 relay not permitted", "our-setup", false, false, true],
    ["554 Transaction failed", "policy", false, false, true],
    ["550 Go away", "unknown", false, false, true],
    ["451 Try again later", "transient", true, false, false],
  ] as const)("%s → %s", (reply, kind, retry, suppress, alert) => {
    expect(classifyRefusal(rcpt(reply))).toMatchObject({ kind, retry, suppress, alert });
  });

  test("a refused MAIL FROM is about us whatever its code", () => {
    expect(classifyRefusal({ basic: 550, text: "550 5.1.1 <support@tidings.test>... User unknown", command: "MAIL FROM" })).toMatchObject({ kind: "our-setup", suppress: false, alert: true });
  });

  test("no reply at all is a connection problem: retry, no alert", () => {
    expect(classifyRefusal({ text: null })).toMatchObject({ kind: "unreachable", retry: true, suppress: false, alert: false });
  });

  test("the codes are found where servers put them, and not in addresses", () => {
    expect(enhancedCodeOf("550-5.1.1 The email account that you tried to reach does not exist.")).toBe("5.1.1");
    expect(enhancedCodeOf("511 sorry, no mailbox here by that name (#5.1.1)")).toBe("5.1.1");
    expect(enhancedCodeOf("554 Client host 5.6.7.8 blocked")).toBeNull();
    expect(basicCodeOf("552 5.3.4 Error: message file too big")).toBe(552);
  });
});

/** Long fields folded at a space, as Postfix folds them (continuation lines start with white space). */
const folded = (line: string) => {
  const at = line.indexOf(" ", 50);
  return at < 0 ? [line] : [line.slice(0, at), `    ${line.slice(at + 1)}`];
};

/** A Postfix 3.7 DSN, as bounce(8) writes it: a human part, the machine part, the returned headers. */
function postfixDsn(action: "delayed" | "failed", status: string, diagnostic: string, messageId: string) {
  return {
    parts: [
      { contentType: "text/plain", text: "This is the mail system at host relay.tidings.test." },
      {
        contentType: "message/delivery-status",
        text: [
          "Reporting-MTA: dns; relay.tidings.test", "X-Postfix-Queue-ID: 4Fq2Zk1x9Mz3wPd", "X-Postfix-Sender: rfc822; support@tidings.test",
          "Arrival-Date: Tue,  1 Dec 2026 22:10:04 +0000 (UTC)", "",
          "Final-Recipient: rfc822; gone@kunde.example", "Original-Recipient: rfc822;gone@kunde.example", `Action: ${action}`, `Status: ${status}`,
          "Remote-MTA: dns; mx.kunde.example", ...folded(`Diagnostic-Code: smtp; ${diagnostic}`),
          action === "delayed" ? "Will-Retry-Until: Fri,  4 Dec 2026 22:10:04 +0000 (UTC)" : "", "",
        ].join("\n"),
      },
      { contentType: "text/rfc822-headers", text: `From: support@tidings.test\nTo: gone@kunde.example\nSubject: [TID#1000015] Received\nMessage-ID: ${messageId}\n` },
    ],
    body: "This is the mail system at host relay.tidings.test.",
  };
}

describe("delivery status notifications (RFC 3464)", () => {
  test("a delay notice is no failure: nothing to suppress, nothing failed", () => {
    const d = postfixDsn("delayed", "4.4.1", "connect to mx.kunde.example[192.0.2.9]:25: Connection timed out", "<t1.a@tidings.test>");
    expect(parseBounce(d.parts, d.body)).toMatchObject({ action: "delayed", status: "4.4.1", permanent: false, verdict: null, originalMessageId: "<t1.a@tidings.test>", recipient: "gone@kunde.example" });
  });

  test("a failure with 5.1.1 suppresses; with 5.7.1 relay denied it alerts instead", () => {
    const gone = postfixDsn("failed", "5.1.1", "550 5.1.1 <gone@kunde.example>: Recipient address rejected: User unknown in local recipient table", "<t1.b@tidings.test>");
    expect(parseBounce(gone.parts, gone.body)).toMatchObject({ action: "failed", status: "5.1.1", permanent: true, verdict: { kind: "mailbox", suppress: true } });
    const relay = postfixDsn("failed", "5.7.1", "554 5.7.1 <gone@kunde.example>: Relay access denied", "<t1.c@tidings.test>");
    expect(parseBounce(relay.parts, relay.body).verdict).toMatchObject({ kind: "our-setup", suppress: false, alert: true });
  });

  test("a failure after the queue lifetime keeps its 4.x.x status and is final, without suppressing", () => {
    const d = postfixDsn("failed", "4.4.1", "connect to mx.kunde.example[192.0.2.9]:25: Connection timed out", "<t1.d@tidings.test>");
    expect(parseBounce(d.parts, d.body)).toMatchObject({ permanent: true, verdict: { kind: "system", retry: false, suppress: false } });
  });

  test("folded fields, type prefixes and several recipients are read", () => {
    const r = parseDeliveryStatus("Reporting-MTA: dns; mx.example\n\nFinal-Recipient: rfc822; A@Example.org\nAction: delivered (relayed)\nStatus: 2.0.0\n\nFinal-Recipient: rfc822; b@example.org\nAction: failed\nStatus: 5.1.1\nDiagnostic-Code: smtp; 550 5.1.1\n user unknown\n");
    expect(r.reportingMta).toBe("mx.example");
    expect(r.recipients).toEqual([
      { finalRecipient: "a@example.org", originalRecipient: null, action: "delivered", status: "2.0.0", diagnostic: null },
      { finalRecipient: "b@example.org", originalRecipient: null, action: "failed", status: "5.1.1", diagnostic: "550 5.1.1 user unknown" },
    ]);
  });
});
