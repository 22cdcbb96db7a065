// @vitest-environment happy-dom
/**
 * A ticket's page in the staff console, in happy-dom against a scripted API: what a member of
 * staff sees of a ticket and what its actions send. The rest of the console is in console.test.tsx.
 */
import { afterEach, describe, expect, test } from "vitest";
import { cleanup, fireEvent, screen, waitFor, within } from "@testing-library/preact";
import { renderConsole, replyRoutes, staff, ticketRoutes, ticketView } from "./console-harness";
import type { TicketEventView } from "../../shared/events";

afterEach(() => {
  cleanup();
  document.body.innerHTML = "";
  history.replaceState(null, "", "/");
});

const PAYLOAD = `<script>window.__pwned=1</script><img src=x onerror="window.__pwned=2">`;
const key = (k: string, target: Element = document.body) => fireEvent.keyDown(target, { key: k });

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
    const preview = screen.getByRole<HTMLImageElement>("img", { name: "Preview of <img src=x onerror=alert(1)>.png" });
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
      routes: replyRoutes([canned]),
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
    const box = await screen.findByLabelText<HTMLTextAreaElement>("Reply (mailed to the client)");
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
