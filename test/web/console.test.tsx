// @vitest-environment happy-dom
/**
 * The staff console's pages in happy-dom against a scripted API: what a member of staff sees and
 * what the page sends. The browser suite (test/e2e/console.test.ts) runs the same flows for real.
 */
import { afterEach, describe, expect, test } from "vitest";
import { cleanup, fireEvent, screen, waitFor, within } from "@testing-library/preact";
import { clockState, formatSpan } from "../../web/console/clock";
import { CONSOLE_TEXTS } from "../../web/console/i18n";
import { parseRoute } from "../../web/console/routes";
import { NOW, queueItem, renderConsole, staff, ticketRoutes, ticketView } from "./console-harness";
import type { TicketEventView } from "../../shared/events";

afterEach(() => {
  cleanup();
  document.body.innerHTML = "";
  history.replaceState(null, "", "/");
});

const HOUR = 3_600_000;
const iso = (ms: number) => new Date(NOW.getTime() + ms).toISOString();
const PAYLOAD = `<script>window.__pwned=1</script><img src=x onerror="window.__pwned=2">`;
const key = (k: string, target: Element = document.body) => fireEvent.keyDown(target, { key: k });

describe("the clock of a ticket", () => {
  test("answered, paused, on time, past target, breached; spans in the reader's units", () => {
    const base = { status: "open", responseTargetAt: iso(HOUR), responseDueAt: iso(5 * HOUR), firstResponseAt: null, answeredAt: null };
    expect(clockState({ ...base, firstResponseAt: iso(-HOUR), answeredAt: iso(-HOUR) }, NOW).kind).toBe("answered");
    expect(clockState({ ...base, status: "pending-client", responseDueAt: null }, NOW).kind).toBe("paused");
    expect(clockState(base, NOW)).toMatchObject({ kind: "running", level: "ok", toTarget: HOUR, toDue: 5 * HOUR });
    expect(clockState({ ...base, responseTargetAt: iso(-HOUR) }, NOW)).toMatchObject({ level: "warning" });
    expect(clockState({ ...base, responseTargetAt: iso(-2 * HOUR), responseDueAt: iso(-HOUR) }, NOW)).toMatchObject({ level: "breach" });
    expect(clockState({ ...base, status: "resolved" }, NOW).kind).toBe("done");
    const en = CONSOLE_TEXTS.en.units;
    expect(formatSpan(20 * 1000, en, "en")).toBe("< 1 min");
    expect(formatSpan(3 * HOUR + 20 * 60_000, en, "en")).toBe("3 h 20 min");
    expect(formatSpan(-(26 * HOUR), en, "en")).toBe("1 d 2 h");
    expect(formatSpan(14 * 24 * HOUR, CONSOLE_TEXTS.de.units, "de")).toBe("14 T.");
  });

  test("console addresses: a TID with a wrong check digit is no ticket page; sign-in only returns inside the console", () => {
    expect(parseRoute("/console/tickets/1000015", "")).toEqual({ name: "ticket", tid: "1000015" });
    expect(parseRoute("/console/t/1000015", "")).toEqual({ name: "ticket", tid: "1000015" });
    expect(parseRoute("/console/tickets/1000016", "").name).toBe("notFound");
    expect(parseRoute("/console/sign-in", "?next=/console/reports")).toEqual({ name: "signIn", next: "/console/reports" });
    expect(parseRoute("/console/sign-in", "?next=https://evil.example/")).toEqual({ name: "signIn", next: null });
  });
});

describe("the queue", () => {
  test("rows in the server's order with the state in words: urgent, past target, breached, paused", async () => {
    const items = [
      queueItem({ tid: "1000023", urgent: true, subject: "Shop down", responseTargetAt: iso(2 * HOUR), responseDueAt: iso(6 * HOUR) }),
      queueItem({ tid: "1000015", responseTargetAt: iso(-HOUR), responseDueAt: iso(3 * HOUR) }),
      queueItem({ tid: "1000028", subject: PAYLOAD, responseTargetAt: iso(-3 * HOUR), responseDueAt: iso(-HOUR), breached: true }),
      queueItem({ tid: "1000031", status: "pending-client", responseTargetAt: null, responseDueAt: null }),
    ];
    const { container } = renderConsole({
      path: "/console/",
      routes: { "GET /auth/me": () => ({ body: staff() }), "GET /queue": () => ({ body: { items, next: null }, headers: { ETag: '"v1"' } }) },
    });
    await screen.findByText("TID#1000023");
    const rows = [...container.querySelectorAll("table.queue tbody tr")];
    expect(rows.map((r) => r.getAttribute("data-tid"))).toEqual(["1000023", "1000015", "1000028", "1000031"]);
    const cells = (i: number) => [...rows[i]!.querySelectorAll("td")].map((td) => td.textContent);
    expect(cells(0)[0]).toContain("Urgent");
    expect(cells(0).slice(-2)).toEqual(["in 2 h", "in 6 h"]);
    expect(cells(1).slice(-2)).toEqual(["⚠ Past target, 1 h ago", "in 3 h"]);
    expect(cells(2).slice(-2)).toEqual(["⚠ Past target, 3 h ago", "✖ Breached, 1 h ago"]);
    expect(cells(3).slice(-2)).toEqual(["‖ Paused", "‖ Paused"]);
    expect(rows[2]!.className).toContain("row-breach");
    // The subject is text: no element came from it.
    expect(within(rows[2] as HTMLElement).getByText(PAYLOAD)).toBeTruthy();
    expect(container.querySelectorAll("main img, main script")).toHaveLength(0);
  });

  test("it polls with If-None-Match; a 304 keeps the rows, a change shows the new ticket and says so", async () => {
    let version = 1;
    const items = [queueItem()];
    const h = renderConsole({
      path: "/console/",
      pollMs: 30,
      routes: {
        "GET /auth/me": () => ({ body: staff() }),
        "GET /queue": (req) => {
          if (req.headers["if-none-match"] === `"v${version}"`) return { status: 304, headers: { ETag: `"v${version}"` } };
          return { body: { items: version === 1 ? items : [...items, queueItem({ tid: "1000023", subject: "New one" })], next: null }, headers: { ETag: `"v${version}"` } };
        },
      },
    });
    await screen.findByText("TID#1000015");
    await waitFor(() => expect(h.requests("GET", "/queue").filter((r) => r.headers["if-none-match"] === '"v1"').length).toBeGreaterThan(1));
    expect(screen.getAllByRole("row")).toHaveLength(2);
    version = 2;
    await screen.findByText("TID#1000023");
    await waitFor(() => expect(document.querySelector("[aria-live=polite].visually-hidden")!.textContent).toBe("1 new ticket in the queue."));
  });

  test("filters and search go to the server and into the address; j/k move through the rows, o opens", async () => {
    const h = renderConsole({
      path: "/console/?level=development",
      routes: {
        "GET /auth/me": () => ({ body: staff() }),
        "GET /queue": () => ({ body: { items: [queueItem(), queueItem({ tid: "1000023" })], next: null } }),
        "GET /tickets/1000023": () => ({ status: 404, body: { error: { code: "NOT_FOUND", message: "", requestId: "r" } } }),
      },
    });
    await screen.findByText("TID#1000015");
    expect(h.requests("GET", "/queue")[0]!.path).toBe("/queue?limit=50&level=development");
    expect((screen.getByLabelText("Level") as HTMLSelectElement).value).toBe("development");
    fireEvent.input(screen.getByLabelText("Search"), { target: { value: "jane@shop.test" } });
    fireEvent.submit(screen.getByRole("search"));
    await waitFor(() => expect(h.requests("GET", "/queue").at(-1)!.path).toBe("/queue?limit=50&level=development&q=jane%40shop.test"));
    expect(location.search).toBe("?q=jane%40shop.test&level=development");
    fireEvent.change(screen.getByLabelText("Assignee"), { target: { value: "none" } });
    await waitFor(() => expect(h.requests("GET", "/queue").at(-1)!.path).toContain("assignee=none"));
    // The rows shown are the answer for these filters (an earlier filters' late answer is dropped).
    await screen.findByText("TID#1000015");

    key("j");
    expect(document.activeElement?.textContent).toBe("TID#1000015");
    key("j");
    expect(document.activeElement?.textContent).toBe("TID#1000023");
    // Typing in a field is never a shortcut.
    key("k", screen.getByLabelText("Search"));
    expect(document.activeElement?.textContent).toBe("TID#1000023");
    key("k");
    expect(document.activeElement?.textContent).toBe("TID#1000015");
    key("j");
    key("o");
    await waitFor(() => expect(location.pathname).toBe("/console/tickets/1000023"));
  });

  test("an answer for filters that changed meanwhile is dropped, not shown under the new ones", async () => {
    let release!: () => void;
    const late = new Promise<void>((r) => { release = r; });
    renderConsole({
      path: "/console/",
      routes: {
        "GET /auth/me": () => ({ body: staff() }),
        "GET /queue": async (req) => {
          if (req.path.includes("level=development")) return { body: { items: [queueItem({ tid: "1000023", slaLevel: "development" })], next: null } };
          await late;
          return { body: { items: [queueItem({ tid: "1000015" })], next: null } };
        },
      },
    });
    fireEvent.change(await screen.findByLabelText("Level"), { target: { value: "development" } });
    await screen.findByText("TID#1000023");
    release();
    await new Promise((r) => setTimeout(r, 20));
    expect(screen.queryByText("TID#1000015")).toBeNull();
    expect(screen.getByText("TID#1000023")).toBeTruthy();
  });

  test("in German", async () => {
    renderConsole({ path: "/console/", lang: "de", routes: { "GET /auth/me": () => ({ body: staff() }), "GET /queue": () => ({ body: { items: [queueItem({ urgent: true })], next: null } }) } });
    expect(await screen.findByRole("heading", { level: 1, name: "Warteschlange" })).toBeTruthy();
    expect(await screen.findByText("Dringend")).toBeTruthy();
    expect(screen.getByRole("columnheader", { name: "Zuständig" })).toBeTruthy();
  });

  test("a German supervisor finds the SLA breaches under their German name", async () => {
    renderConsole({ path: "/console/", lang: "de", routes: { "GET /auth/me": () => ({ body: staff("supervisor") }), "GET /queue": () => ({ body: { items: [], next: null } }) } });
    expect(await screen.findByRole("link", { name: "SLA-Verstöße" })).toBeTruthy();
  });
});

describe("signing in and roles", () => {
  test("a wrong password is said in words; after signing in the page asked for opens", async () => {
    let signedIn = false;
    const h = renderConsole({
      path: "/console/sign-in?next=/console/reports",
      routes: {
        "GET /auth/me": () => ({ body: signedIn ? staff("supervisor") : { principal: { kind: "anonymous" }, csrfToken: null } }),
        "POST /auth/login": (req) => {
          if ((req.body as { password: string }).password !== "right password") return { status: 401, body: { error: { code: "INVALID_CREDENTIALS", message: "no", requestId: "r" } } };
          signedIn = true;
          return { body: staff("supervisor") };
        },
        "GET /reports/sla": () => ({ status: 503, body: { error: { code: "UNAVAILABLE", message: "", requestId: "r" } } }),
      },
    });
    await screen.findByRole("heading", { name: "Sign in to the support console" });
    fireEvent.input(screen.getByLabelText("Email"), { target: { value: "supervisor@support.test" } });
    fireEvent.input(screen.getByLabelText("Password"), { target: { value: "guess" } });
    fireEvent.submit(screen.getByRole("button", { name: "Sign in" }).closest("form")!);
    expect((await screen.findByRole("alert")).textContent).toMatch(/^The email address or the password is not right\./);
    fireEvent.input(screen.getByLabelText("Password"), { target: { value: "right password" } });
    fireEvent.submit(screen.getByRole("button", { name: "Sign in" }).closest("form")!);
    await screen.findByRole("heading", { level: 1, name: "Reports" });
    expect(location.pathname).toBe("/console/reports");
    expect(h.requests("POST", "/auth/login")[1]!.body).toEqual({ email: "supervisor@support.test", password: "right password" });
    expect(screen.getByRole("link", { name: "Escalations" })).toBeTruthy();
    expect(screen.queryByRole("link", { name: "Staff" })).toBeNull();
  });

  test("an agent has no admin pages: the navigation leaves them out and the address says so", async () => {
    renderConsole({ path: "/console/admin/staff", routes: { "GET /auth/me": () => ({ body: staff("agent") }) } });
    await screen.findByRole("heading", { level: 1, name: "Not for your role" });
    const nav = screen.getByRole("navigation", { name: "Console" });
    expect(within(nav).getAllByRole("link").map((a) => a.textContent)).toEqual(["Queue", "Reports"]);
  });
});

describe("admin pages", () => {
  test("an iCalendar file is imported as text/calendar and the counts are said", async () => {
    const h = renderConsole({
      path: "/console/admin/holidays",
      routes: {
        "GET /auth/me": () => ({ body: staff("admin") }),
        "GET /admin/holidays": () => ({ body: { from: "2026-12-07", to: "2027-12-06", holidays: [{ date: "2026-12-25", name: "1. Weihnachtstag", source: "public" }] } }),
        "POST /admin/holidays/import": () => ({ body: { added: 2, updated: 0, skipped: 1 } }),
      },
    });
    await screen.findByText("1. Weihnachtstag");
    const ics = "BEGIN:VCALENDAR\r\nBEGIN:VEVENT\r\nDTSTART;VALUE=DATE:20261231\r\nSUMMARY:Closed\r\nEND:VEVENT\r\nEND:VCALENDAR\r\n";
    const input = screen.getByLabelText("iCalendar file (.ics)") as HTMLInputElement;
    Object.defineProperty(input, "files", { value: [new File([ics], "closed.ics", { type: "text/calendar" })], configurable: true });
    fireEvent.click(screen.getByRole("button", { name: "Import" }));
    await screen.findByText("Imported: 2 added, 0 updated, 1 skipped.");
    const sent = h.requests("POST", "/admin/holidays/import")[0]!;
    expect(sent.headers["content-type"]).toBe("text/calendar");
    expect(sent.body).toBe(ics);
    expect(sent.headers["x-csrf-token"]).toBe("csrf-1");
  });
});

describe("a ticket", () => {
  test("markup from the client is text everywhere: message, file name, phpinfo; image previews use the download URL", async () => {
    const view = ticketView({
      subject: PAYLOAD,
      messages: [{ id: 1, kind: "message", authorKind: "requester", authorEmail: "client@shop.test", visibility: "public", channel: "email", body: PAYLOAD, createdAt: "2026-12-07T08:00:00.000Z", attachmentIds: ["a1"] }],
      attachments: [
        { id: "a1", messageId: 1, kind: "file", fileName: `<img src=x onerror=alert(1)>.png`, contentType: "image/png", size: 2048, createdAt: "2026-12-07T08:00:00.000Z", url: "/api/v1/tickets/1000015/attachments/a1" },
        { id: "p1", messageId: 1, kind: "phpinfo", fileName: "phpinfo.txt", contentType: "text/plain", size: 300, createdAt: "2026-12-07T08:00:00.000Z", url: "/api/v1/tickets/1000015/attachments/p1" },
      ],
    });
    const { container } = renderConsole({
      path: "/console/tickets/1000015",
      routes: ticketRoutes("1000015", view, {
        "GET /tickets/1000015/phpinfo": () => ({ body: { sections: [{ name: "Core", rows: [{ key: "memory_limit", value: "256M", master: "128M" }, { key: "probe", value: PAYLOAD, master: "x" }] }, { name: "mysqli", rows: [{ key: "Client API", value: "8.0" }] }] } }),
      }),
    });
    await screen.findByRole("heading", { level: 3, name: "Request from Chris Client <client@shop.test>" });
    expect(container.querySelector("h1 .subject")!.textContent).toBe(PAYLOAD);
    expect(screen.getAllByText(PAYLOAD).length).toBeGreaterThanOrEqual(2);
    const preview = screen.getByRole("img", { name: "Preview of <img src=x onerror=alert(1)>.png" }) as HTMLImageElement;
    expect(preview.getAttribute("src")).toBe("/api/v1/tickets/1000015/attachments/a1");
    expect(container.querySelectorAll("main img")).toHaveLength(1);
    expect(container.querySelectorAll("main script")).toHaveLength(0);

    await screen.findByText("3 entries");
    fireEvent.input(screen.getByLabelText("Search keys and values"), { target: { value: "SCRIPT" } });
    expect(screen.getByText("1 of 3 entries match")).toBeTruthy();
    const tables = container.querySelectorAll("table.php");
    expect(tables).toHaveLength(1);
    expect(within(tables[0] as HTMLElement).getByText(PAYLOAD)).toBeTruthy();
    fireEvent.input(screen.getByLabelText("Search keys and values"), { target: { value: "mysqli" } });
    expect(screen.getByText("1 of 3 entries match")).toBeTruthy();
  });

  test("without phpinfo the ticket says so; the SLA trace is shown", async () => {
    const h = renderConsole({ path: "/console/tickets/1000015", routes: ticketRoutes("1000015", ticketView()) });
    await screen.findByText("The client sent no server configuration with this ticket.");
    expect(screen.getByText("Clock started at receipt")).toBeTruthy();
    // Nothing is asked that cannot be there (a 404 in the browser's console for every such ticket).
    expect(h.requests("GET", "/tickets/1000015/phpinfo")).toEqual([]);
  });

  test.each([
    ["en", "Due time recalculated", "holiday added: Heiligabend, 24 Dec 2026", /due 24 Dec 2026, \d\d:00 \S+ → 28 Dec 2026, \d\d:00 \S+/, "breach withdrawn"],
    ["de", "Fälligkeit neu berechnet", "Feiertag hinzugefügt: Heiligabend, 24.12.2026", /fällig 24\.12\.2026, \d\d:00 \S+ → 28\.12\.2026, \d\d:00 \S+/, "SLA-Verstoß zurückgenommen"],
  ] as const)("the history says in %s why a calendar change moved the due time", async (lang, label, cause, moved, withdrawn) => {
    const event = {
      id: 9, type: "sla-recomputed", actor: "admin", at: "2026-12-24T13:30:00.000Z",
      data: {
        cause: "holiday-added", date: "2026-12-24", name: "Heiligabend", previousTargetAt: "2026-12-22T15:00:00.000Z",
        previousDueAt: "2026-12-24T13:00:00.000Z", responseTargetAt: "2026-12-22T15:00:00.000Z", responseDueAt: "2026-12-28T13:00:00.000Z", withdrawn: ["breach"],
      },
    } satisfies TicketEventView;
    const { container } = renderConsole({
      path: "/console/tickets/1000015", lang,
      routes: ticketRoutes("1000015", ticketView(), { "GET /tickets/1000015/events": () => ({ body: { items: [event] } }) }),
    });
    await screen.findByText(label);
    const entry = container.querySelector(".history li")!.textContent;
    expect(entry).toContain(cause);
    expect(entry).toMatch(moved);
    expect(entry).toContain(withdrawn);
  });

  test("r and n choose reply or note; a canned answer selects its {{link}}; a leftover placeholder is not sent", async () => {
    const canned = { id: 7, title: "Documentation page", locale: "en", category: "docs", body: "Answered here:\n\n{{link}}\n\nReply if not.", updatedBy: "admin", updatedAt: "2026-12-01T00:00:00Z" };
    const h = renderConsole({
      path: "/console/tickets/1000015",
      routes: ticketRoutes("1000015", ticketView(), {
        "GET /canned": () => ({ body: { items: [canned] } }),
        "POST /tickets/1000015/messages": () => ({ status: 201, body: { messageId: 2, mailed: 1 } }),
      }),
    });
    await screen.findByRole("heading", { level: 1 });
    await screen.findByRole("option", { name: "Documentation page" });
    key("n");
    const note = await screen.findByLabelText("Internal note (only staff see it)");
    await waitFor(() => expect(document.activeElement).toBe(note));
    // While typing, letters are letters.
    key("r", note);
    expect(screen.getByLabelText("Internal note (only staff see it)")).toBeTruthy();
    key("r");
    const box = (await screen.findByLabelText("Reply (mailed to the client)")) as HTMLTextAreaElement;
    fireEvent.change(screen.getByLabelText("Canned answer"), { target: { value: "7" } });
    fireEvent.click(screen.getByRole("button", { name: "Insert" }));
    await waitFor(() => expect(box.value).toBe(canned.body));
    await waitFor(() => expect(box.value.slice(box.selectionStart, box.selectionEnd)).toBe("{{link}}"));
    fireEvent.submit(box.closest("form")!);
    expect((await screen.findByRole("alert")).textContent).toBe("Replace {{link}} with the address of the documentation page before sending.");
    expect(h.requests("POST", "/tickets/1000015/messages")).toHaveLength(0);
    fireEvent.input(box, { target: { value: canned.body.replace("{{link}}", "https://docs.example.com/export") } });
    fireEvent.submit(box.closest("form")!);
    await screen.findByText("Reply sent; the client gets it by mail.");
    expect(h.requests("POST", "/tickets/1000015/messages")[0]!.body).toEqual({ body: "Answered here:\n\nhttps://docs.example.com/export\n\nReply if not.", visibility: "public" });
    expect(h.requests("POST", "/tickets/1000015/messages")[0]!.headers["x-csrf-token"]).toBe("csrf-1");
  });

  test("requesting information sends what is missing in the ticket's language; the maximum then reads paused", async () => {
    let view = ticketView({ locale: "de" });
    const h = renderConsole({
      path: "/console/tickets/1000015",
      routes: ticketRoutes("1000015", view, {
        [`GET /tickets/1000015`]: () => ({ body: view }),
        "POST /tickets/1000015/request-info": () => {
          view = ticketView({ locale: "de", status: "pending-client", responseTargetAt: null, responseDueAt: null });
          return { body: { status: "pending-client", responseDueAt: null } };
        },
      }),
    });
    await screen.findByRole("heading", { level: 2, name: "Actions" });
    expect(screen.getByTestId("sla-due").textContent).toMatch(/^8 Dec 2026, \d\d:00 \S+ \(in 1 d 6 h\)$/);
    key("i");
    fireEvent.click(screen.getByRole("checkbox", { name: "The license key" }));
    fireEvent.input(screen.getByLabelText("Message to the client"), { target: { value: "Which license?" } });
    fireEvent.click(screen.getByRole("button", { name: "Ask the client" }));
    await waitFor(() => expect(screen.getByTestId("sla-due").textContent).toBe("‖ Paused: waiting for the client"));
    expect(h.requests("POST", "/tickets/1000015/request-info")[0]!.body).toEqual({ body: "Which license?", missing: ["Den Lizenzschlüssel"] });
  });

  test("handing to development sends the target version; credentials are revealed on request and hidden again", async () => {
    const h = renderConsole({
      path: "/console/tickets/1000015",
      routes: ticketRoutes("1000015", ticketView(), {
        "GET /tickets/1000015/credentials": () => ({ body: { items: [{ id: "c1", kind: "ftp", label: "FTP production", createdBy: "requester:client@shop.test", createdAt: "2026-12-07T08:30:00.000Z" }] } }),
        "POST /tickets/1000015/credentials/c1/reveal": () => ({ body: { id: "c1", kind: "ftp", label: "FTP production", host: "ftp.shop.test", username: "deploy", secret: "s3cr3t!", notes: null } }),
        "POST /tickets/1000015/level": () => ({ body: { slaLevel: "development", status: "in-development", responseDueAt: "2026-12-21T10:00:00.000Z" } }),
      }),
    });
    await screen.findByRole("heading", { level: 2, name: "Actions" });
    fireEvent.change(screen.getByLabelText("New level"), { target: { value: "development" } });
    fireEvent.input(screen.getByLabelText("Target version"), { target: { value: "24.200.0" } });
    fireEvent.click(screen.getByRole("button", { name: "Change level" }));
    expect((await screen.findByRole("alert")).textContent).toBe("Please say why the level changes.");
    fireEvent.input(screen.getByLabelText("Reason"), { target: { value: "Needs a fix in the core" } });
    fireEvent.click(screen.getByRole("button", { name: "Change level" }));
    await waitFor(() => expect(h.requests("POST", "/tickets/1000015/level")).toHaveLength(1));
    expect(h.requests("POST", "/tickets/1000015/level")[0]!.body).toEqual({ level: "development", reason: "Needs a fix in the core", targetVersion: "24.200.0" });

    expect(screen.queryByText("s3cr3t!")).toBeNull();
    fireEvent.click(await screen.findByRole("button", { name: "Reveal FTP production" }));
    expect(await screen.findByText("s3cr3t!")).toBeTruthy();
    fireEvent.click(screen.getByRole("button", { name: "Hide" }));
    expect(screen.queryByText("s3cr3t!")).toBeNull();
    expect(h.requests("POST", "/tickets/1000015/credentials/c1/reveal")).toHaveLength(1);
  });

  test("a supervisor assigns to anyone through the supervisor API; an agent takes a ticket with the a key", async () => {
    const lead = renderConsole({
      path: "/console/tickets/1000015",
      routes: {
        ...ticketRoutes("1000015", ticketView()),
        "GET /auth/me": () => ({ body: staff("supervisor") }),
        "POST /supervisor/tickets/1000015/assign": (req) => ({ body: { tid: "1000015", assignee: (req.body as { email: string }).email } }),
      },
    });
    await screen.findByRole("heading", { level: 2, name: "Actions" });
    fireEvent.input(screen.getByLabelText("Assign to (email)"), { target: { value: "agent@support.test" } });
    fireEvent.submit(screen.getByLabelText("Assign to (email)").closest("form")!);
    await waitFor(() => expect(lead.requests("POST", "/supervisor/tickets/1000015/assign")[0]?.body).toEqual({ email: "agent@support.test" }));
    cleanup();

    const agent = renderConsole({
      path: "/console/tickets/1000015",
      routes: ticketRoutes("1000015", ticketView(), { "POST /tickets/1000015/assign": () => ({ body: { tid: "1000015", assignee: "agent@support.test" } }) }),
    });
    await screen.findByRole("heading", { level: 2, name: "Actions" });
    expect(screen.queryByLabelText("Assign to (email)")).toBeNull();
    key("a");
    await waitFor(() => expect(agent.requests("POST", "/tickets/1000015/assign")[0]?.body).toEqual({ email: "agent@support.test" }));
  });

  test("a ticket that does not exist says so", async () => {
    renderConsole({ path: "/console/tickets/1000015", routes: { "GET /auth/me": () => ({ body: staff() }), "GET /tickets/1000015": () => ({ status: 404, body: { error: { code: "NOT_FOUND", message: "", requestId: "r" } } }) } });
    expect((await screen.findByRole("alert")).textContent).toBe("There is no ticket with this number.");
  });
});
