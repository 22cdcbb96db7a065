import { Window } from "happy-dom";
import { describe, expect, it } from "vitest";
import {
  acknowledgement,
  escalationReceived,
  formatDateTime,
  linkifyLine,
  mailRejected,
  reopened,
  requestInformation,
  resolved,
  slaAlert,
  staffReply,
  type Locale,
  type RenderedMail,
} from "../../server/mail/templates";
import { SLA_LEVELS } from "../../shared/sla";

const LOCALES: Locale[] = ["en", "de"];
const TID = "1000015";
const TAG = "[TID#1000015]";
const TICKET_URL = "https://help.example.com/t/1000015?token=a&b=c";
// 16:00 in Berlin (CET) on Tuesday, 3 March 2026: the first sample case of CONTRACT §5.
const DUE = new Date("2026-03-03T15:00:00Z");

function parse(html: string) {
  const window = new Window();
  return new window.DOMParser().parseFromString(html, "text/html");
}

/** Every template once per locale, with ordinary content. */
function ticketMails(locale: Locale): Record<string, RenderedMail> {
  const base = { tid: TID, subject: "Shop is down", ticketUrl: TICKET_URL, locale };
  return {
    acknowledgement: acknowledgement({ ...base, levelId: "commercial-cloud", dueAt: DUE, timeZone: "Europe/Berlin" }),
    staffReply: staffReply({ ...base, body: "Please clear the cache.", agentName: "Anna Schmidt" }),
    requestInformation: requestInformation({ ...base, body: "Which version do you run?", missing: ["the product version"] }),
    resolved: resolved({ ...base, ratingUrl: "https://help.example.com/rate/x", hadCredentials: false, reopenDays: 14 }),
    reopened: reopened({ ...base, dueAt: DUE, timeZone: "Europe/Berlin" }),
    escalationReceived: escalationReceived({ ...base, to: "supervisor" }),
    slaAlert: slaAlert({ ...base, kind: "warning", levelId: "partner-cloud", at: DUE, timeZone: "Europe/Berlin", urgent: false }),
  };
}

/** The text alternative is text: no tags, no entities. */
function expectPlainText(text: string) {
  expect(text).not.toMatch(/<\/?(p|br|a|strong|table|td|div)\b/i);
  expect(text).not.toMatch(/&(amp|lt|gt|quot|#39|nbsp);/);
}

describe("every ticket mail (CONTRACT §4, §7; SLA 4.5)", () => {
  for (const locale of LOCALES) {
    for (const [name, mail] of Object.entries(ticketMails(locale))) {
      it(`${name} (${locale}) carries [TID#…] in the subject and names the TID in both bodies`, () => {
        expect(mail.subject.startsWith(`${TAG} `)).toBe(true);
        expect(mail.text).toContain(`TID#${TID}`);
        expect(parse(mail.html).body.textContent).toContain(`TID#${TID}`);
        expect(parse(mail.html).documentElement.getAttribute("lang")).toBe(locale);
        expectPlainText(mail.text);
        expect(mail.subject).not.toMatch(/[\r\n]/);
      });
    }
  }

  it("uses the subject the ticket had, without a second tag or a chain of reply prefixes", () => {
    const mail = staffReply({ tid: TID, subject: "Re: AW: [TID#1000015] Shop\r\nis down [tid#2000012]", body: "x", agentName: "A", ticketUrl: TICKET_URL, locale: "en" });
    expect(mail.subject).toBe(`${TAG} Shop is down`);
    expect(acknowledgement({ tid: TID, subject: "  ", levelId: "development", dueAt: null, timeZone: "Europe/Berlin", ticketUrl: TICKET_URL, locale: "de" }).subject).toBe(`${TAG} (kein Betreff)`);
  });

  it("links the ticket in HTML and spells the link out in the text", () => {
    for (const locale of LOCALES) {
      for (const mail of Object.values(ticketMails(locale))) {
        const hrefs = [...parse(mail.html).querySelectorAll("a")].map((a) => a.getAttribute("href"));
        expect(hrefs).toContain(TICKET_URL);
        expect(mail.text).toContain(TICKET_URL);
      }
    }
  });
});

describe("acknowledgement (CONTRACT §7; SLA 4.2, 4.4, 4.5)", () => {
  const ack = (locale: Locale, extra: Partial<Parameters<typeof acknowledgement>[0]> = {}) =>
    acknowledgement({ tid: TID, subject: "Shop is down", levelId: "commercial-self-hosted", dueAt: DUE, timeZone: "Europe/Berlin", ticketUrl: TICKET_URL, locale, ...extra });

  it("names the level in words and the response due time in the ticket's zone", () => {
    const en = ack("en");
    const de = ack("de");
    for (const part of [SLA_LEVELS["commercial-self-hosted"].labelEn, "Tuesday, 3 March 2026, 16:00 CET"]) {
      expect(en.text).toContain(part);
      expect(parse(en.html).body.textContent).toContain(part);
    }
    for (const part of [SLA_LEVELS["commercial-self-hosted"].labelDe, "Dienstag, 3. März 2026, 16:00 MEZ"]) {
      expect(de.text).toContain(part);
      expect(parse(de.html).body.textContent).toContain(part);
    }
    expect(ack("en", { timeZone: "America/New_York" }).text).toContain("Tuesday, 3 March 2026, 10:00");
    expect(ack("de", { dueAt: new Date("2026-07-01T16:00:00Z") }).text).toContain("Mittwoch, 1. Juli 2026, 18:00 MESZ");
  });

  it("says the due time follows once the clock resumes when there is none yet", () => {
    expect(ack("en", { dueAt: null }).text).toContain("as soon as the clock resumes");
    expect(ack("de", { dueAt: null }).text).toContain("sobald die Frist wieder läuft");
  });

  it("lists what a good ticket contains (SLA 4.2) and asks to keep the tag (SLA 4.5)", () => {
    const en = ack("en").text;
    for (const part of ["steps to reproduce", "URL of the site", "version number and the edition", "phpinfo", `Please keep ${TAG} in the subject of every reply`]) {
      expect(en).toContain(part);
    }
    const de = ack("de").text;
    for (const part of ["Schritte, mit denen es sich nachvollziehen lässt", "URL der Website", "Versionsnummer und die Edition", "phpinfo", `Bitte behalten Sie ${TAG} im Betreff jeder Antwort bei`]) {
      expect(de).toContain(part);
    }
  });

  it("lists refused attachments with the reason, in the mail's language when the code is known", () => {
    const refusedAttachments = [
      { name: "screen.bmp", reason: "BMP not archived", code: "BMP_NOT_ARCHIVED" as const },
      { name: "setup.exe", reason: "not a file type we accept" },
    ];
    const en = ack("en", { refusedAttachments });
    expect(en.text).toContain("screen.bmp: BMP images are accepted only inside a ZIP or RAR archive.");
    expect(en.text).toContain("setup.exe: not a file type we accept");
    expect(en.text).toContain("registered all the same");
    const de = ack("de", { refusedAttachments });
    expect(de.text).toContain("screen.bmp: BMP-Bilder nehmen wir nur in einem ZIP- oder RAR-Archiv an.");
    expect(parse(de.html).body.textContent).toContain("setup.exe");
    for (const locale of LOCALES) {
      expect(ack(locale).text).not.toContain("screen.bmp");
      expect(ack(locale, { refusedAttachments: [] }).text).toBe(ack(locale).text);
    }
  });
});

describe("resolved (SLA 4.3, 5)", () => {
  const mail = (locale: Locale, hadCredentials: boolean) =>
    resolved({ tid: TID, subject: "Shop is down", ratingUrl: "https://help.example.com/rate/r1", ticketUrl: TICKET_URL, hadCredentials, reopenDays: 14, locale });

  it("reminds to change passwords only when credentials were given", () => {
    expect(mail("en", true).text).toContain("Please change your passwords now.");
    expect(mail("en", true).text).toContain("destroyed the access data");
    expect(mail("de", true).text).toContain("Bitte ändern Sie jetzt Ihre Passwörter.");
    expect(mail("en", false).text).not.toMatch(/password/i);
    expect(mail("de", false).text).not.toMatch(/Passw|Zugangsdaten/);
    expect(mail("en", false).html).not.toMatch(/password/i);
  });

  it("links the rating, says it asks for a confirmation, and gives the reopen period", () => {
    const en = mail("en", false);
    expect([...parse(en.html).querySelectorAll("a")].map((a) => a.getAttribute("href"))).toContain("https://help.example.com/rate/r1");
    expect(en.text).toContain("confirm your rating");
    expect(en.text).toContain("within 14 days");
    const de = mail("de", false);
    expect(de.text).toContain("Bewertung bestätigen");
    expect(de.text).toContain("innerhalb von 14 Tagen");
    expect(de.subject).toBe(`${TAG} Gelöst: Shop is down`);
  });
});

describe("request for information (SLA 4.11)", () => {
  it("lists what is missing and says the clock waits for the answer", () => {
    const en = requestInformation({ tid: TID, subject: "S", body: "We need more.", missing: ["the URL of the site", "phpinfo"], ticketUrl: TICKET_URL, locale: "en" });
    expect(en.text).toContain("  - the URL of the site\n  - phpinfo");
    expect(en.text).toContain("paused");
    expect(en.text).toContain("reply directly to this mail");
    const de = requestInformation({ tid: TID, subject: "S", body: "", ticketUrl: TICKET_URL, locale: "de" });
    expect(de.text).toContain("angehalten");
    expect(de.text).not.toContain("Bitte senden Sie uns:");
  });
});

describe("staff alerts and other mails", () => {
  it("puts urgency and breach into the subject of an SLA alert", () => {
    const alert = slaAlert({ tid: TID, subject: "Shop is down", kind: "breach", levelId: "partner-cloud", at: DUE, timeZone: "Europe/Berlin", ticketUrl: TICKET_URL, urgent: true, locale: "en" });
    expect(alert.subject).toBe(`${TAG} URGENT, SLA breached: Shop is down`);
    expect(alert.text).toContain("was due by Tuesday, 3 March 2026, 16:00 CET");
    expect(alert.text).toContain(SLA_LEVELS["partner-cloud"].labelEn);
  });

  it("names whom an escalation went to", () => {
    expect(escalationReceived({ tid: TID, subject: "S", to: "account-manager", ticketUrl: TICKET_URL, locale: "en" }).text).toContain("your account manager");
    expect(escalationReceived({ tid: TID, subject: "S", to: "supervisor", ticketUrl: TICKET_URL, locale: "de" }).text).toContain("die Support-Leitung");
  });

  it("tells a sender why their mail did not become a ticket", () => {
    const en = mailRejected({ reason: { code: "too-large", limitBytes: 25 * 1024 * 1024 }, originalSubject: "Logs", portalUrl: "https://help.example.com/new", locale: "en" });
    expect(en.subject).toBe("Your mail could not be registered: Logs");
    expect(en.text).toContain("larger than 25 MB");
    expect(en.text).toContain("https://help.example.com/new");
    const de = mailRejected({ reason: { code: "unreadable" }, originalSubject: null, locale: "de" });
    expect(de.subject).toBe("Ihre E-Mail konnte nicht registriert werden");
    expect(parse(de.html).documentElement.getAttribute("lang")).toBe("de");
  });
});

describe("escaping (every user field)", () => {
  const payloads = ["<script>alert(1)</script>", '"><img src=x onerror=alert(1)>'];

  function everyMail(x: string): RenderedMail[] {
    const base = { tid: TID, subject: x, ticketUrl: TICKET_URL };
    return LOCALES.flatMap((locale) => [
      acknowledgement({ ...base, locale, levelId: "partner-cloud", dueAt: DUE, timeZone: "Europe/Berlin", refusedAttachments: [{ name: x, reason: x }] }),
      staffReply({ ...base, locale, body: `${x}\nhttps://example.com/${x}\n\n${x}`, agentName: x }),
      requestInformation({ ...base, locale, body: x, missing: [x] }),
      resolved({ ...base, locale, ratingUrl: `https://help.example.com/rate?x=${x}`, hadCredentials: true, reopenDays: 3 }),
      reopened({ ...base, locale, dueAt: null, timeZone: "Europe/Berlin" }),
      escalationReceived({ ...base, locale, to: "supervisor" }),
      slaAlert({ ...base, locale, kind: "warning", levelId: "development", at: DUE, timeZone: "Europe/Berlin", urgent: true }),
      mailRejected({ reason: { code: "other", text: x }, originalSubject: x, portalUrl: `https://help.example.com/${x}`, locale }),
    ]);
  }

  for (const payload of payloads) {
    it(`never lets ${payload} become markup`, () => {
      for (const mail of everyMail(payload)) {
        expect(mail.html).not.toMatch(/<script/i);
        expect(mail.html).not.toMatch(/<img/i);
        const doc = parse(mail.html);
        expect(doc.querySelectorAll("script, img, iframe, object").length).toBe(0);
        for (const el of doc.querySelectorAll("*")) {
          expect(el.getAttributeNames().filter((n) => n.startsWith("on"))).toEqual([]);
        }
        for (const a of doc.querySelectorAll("a")) expect(a.getAttribute("href")).toMatch(/^https?:\/\//);
        // The payload is shown as the text it is (in the body or at least the title), not double-escaped.
        expect(doc.documentElement.textContent).toContain(payload);
        expect(`${mail.subject}\n${mail.text}`).toContain(payload);
      }
    });
  }

  it("escapes once, not twice", () => {
    const mail = staffReply({ tid: TID, subject: "Tom & Jerry", body: "a & b < c", agentName: "O'Brien", ticketUrl: TICKET_URL, locale: "en" });
    expect(mail.html).toContain("Tom &amp; Jerry");
    expect(mail.html).toContain("a &amp; b &lt; c");
    expect(mail.html).toContain("O&#39;Brien");
    expect(mail.html).not.toContain("&amp;amp;");
    expect(mail.text).toContain("a & b < c");
  });

  it("never links a ticket or rating URL that is not http(s)", () => {
    for (const url of ["javascript:alert(1)", "data:text/html,<script>alert(1)</script>", "/relative"]) {
      const mail = resolved({ tid: TID, subject: "S", ratingUrl: url, ticketUrl: url, hadCredentials: false, reopenDays: 14, locale: "en" });
      expect(mail.html).not.toMatch(/href="(?!https?:)/);
      expect(mail.html).not.toMatch(/<script/i);
    }
  });
});

describe("linkification of staff text", () => {
  const links = (body: string) => {
    const html = staffReply({ tid: TID, subject: "S", body, agentName: "A", ticketUrl: "https://help.example.com/t", locale: "en" }).html;
    return [...parse(html).querySelectorAll("a")].map((a) => a.getAttribute("href")).filter((h) => h !== "https://help.example.com/t");
  };

  it("links http and https URLs", () => {
    expect(links("See https://docs.example.com/a?b=1&c=2 and http://example.org.")).toEqual(["https://docs.example.com/a?b=1&c=2", "http://example.org/"]);
  });

  it("leaves sentence punctuation outside and keeps balanced parentheses inside", () => {
    expect(links("(see https://en.wikipedia.org/wiki/Foo_(bar)), or https://example.com/x.")).toEqual(["https://en.wikipedia.org/wiki/Foo_(bar)", "https://example.com/x"]);
    expect(linkifyLine("<https://example.com/a>")).toBe('&lt;<a href="https://example.com/a" style="color:#1d4ed8;text-decoration:underline;">https://example.com/a</a>&gt;');
  });

  it("does not link javascript:, data:, other schemes or a URL without a host", () => {
    expect(links("javascript:alert(1) JAVASCRIPT://%0aalert(1) data:text/html,x ftp://example.com http:// https:///x")).toEqual([]);
    expect(linkifyLine("javascript:alert(1)")).toBe("javascript:alert(1)");
  });

  it("cannot be broken out of with quotes in a URL", () => {
    const html = staffReply({ tid: TID, subject: "S", body: 'https://example.com/"onmouseover="alert(1)', agentName: "A", ticketUrl: TICKET_URL, locale: "en" }).html;
    expect(html).not.toContain('"onmouseover');
    for (const el of parse(html).querySelectorAll("*")) expect(el.getAttributeNames().filter((n) => n.startsWith("on"))).toEqual([]);
  });
});

describe("formatDateTime", () => {
  it("writes the instant in the zone and language of the mail", () => {
    expect(formatDateTime(DUE, "Europe/Berlin", "en")).toBe("Tuesday, 3 March 2026, 16:00 CET");
    expect(formatDateTime(DUE, "Europe/Berlin", "de")).toBe("Dienstag, 3. März 2026, 16:00 MEZ");
    // Late evening in UTC is already the next day in Berlin.
    expect(formatDateTime(new Date("2026-03-03T23:30:00Z"), "Europe/Berlin", "en")).toBe("Wednesday, 4 March 2026, 00:30 CET");
  });

  it("falls back to UTC, and says so, for a zone it does not know", () => {
    expect(formatDateTime(DUE, "Mars/Olympus", "en")).toBe("Tuesday, 3 March 2026, 15:00 UTC");
  });
});
