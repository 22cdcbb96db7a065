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
import { NOW, queueItem, renderConsole, staff } from "./console-harness";

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
    expect(screen.getByLabelText<HTMLSelectElement>("Level").value).toBe("development");
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
    const input = screen.getByLabelText<HTMLInputElement>("iCalendar file (.ics)");
    Object.defineProperty(input, "files", { value: [new File([ics], "closed.ics", { type: "text/calendar" })], configurable: true });
    fireEvent.click(screen.getByRole("button", { name: "Import" }));
    await screen.findByText("Imported: 2 added, 0 updated, 1 skipped.");
    const sent = h.requests("POST", "/admin/holidays/import")[0]!;
    expect(sent.headers["content-type"]).toBe("text/calendar");
    expect(sent.body).toBe(ics);
    expect(sent.headers["x-csrf-token"]).toBe("csrf-1");
  });
});
