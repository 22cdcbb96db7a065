// @vitest-environment happy-dom
import { afterEach, describe, expect, test } from "vitest";
import { cleanup, fireEvent, render, screen, waitFor, within } from "@testing-library/preact";
import { App } from "../../web/portal/App";
import { createApi } from "../../web/shared/api";
import type { TicketMessage } from "../../web/shared/api";
import { Conversation } from "../../web/portal/parts/Conversation";
import { FindByTid } from "../../web/portal/parts/FindByTid";
import { CredentialsForm } from "../../web/portal/parts/CredentialsForm";
import { RatingForm } from "../../web/portal/parts/RatingForm";
import { SignInLink } from "../../web/portal/pages/SignInLink";
import { NewTicket } from "../../web/portal/pages/NewTicket";
import { apiError, fakeServer, renderPortal } from "./harness";

afterEach(() => {
  cleanup();
  document.body.innerHTML = "";
  history.replaceState(null, "", "/");
});

const PAYLOAD = `<script>window.__pwned=1</script><img src=x onerror="window.__pwned=2">`;
const message = (id: number, body: string, over: Partial<TicketMessage> = {}): TicketMessage => ({
  id, kind: "message", authorKind: "requester", authorEmail: "client@kunde.example", visibility: "public", channel: "email", body, createdAt: "2026-03-02T09:00:00Z", attachmentIds: [], ...over,
});

describe("the conversation", () => {
  test("markup in a message is shown as its characters and creates no element", () => {
    const { container } = renderPortal(
      <Conversation me="client@kunde.example" attachments={[]} messages={[message(1, PAYLOAD), message(2, "Thanks", { authorKind: "staff", authorEmail: "staff:a@support.example" })]} />,
    );
    expect(screen.getByText(PAYLOAD)).toBeTruthy();
    expect(container.querySelectorAll("img, script, svg, iframe")).toHaveLength(0);
    expect(screen.getByText("You")).toBeTruthy();
    expect(screen.getByText("Support")).toBeTruthy();
    expect(container.textContent).not.toContain("a@support.example");
  });
});

describe("the sign-in link page", () => {
  test("opening it sends nothing; the button spends the token", async () => {
    const h = renderPortal(<SignInLink token="tok_12345678901234567890" />, { principal: { kind: "anonymous" } });
    h.server.on("POST /auth/link/consume", { status: 200, body: { principal: { kind: "client", email: "c@x.example" }, csrfToken: "c1", next: "/portal/t/1000015" } });
    expect(h.server.calls).toHaveLength(0);
    fireEvent.click(screen.getByRole("button", { name: "Sign in" }));
    await waitFor(() => expect(location.pathname).toBe("/portal/t/1000015"));
    expect(h.server.calls.map((c) => [c.method, c.path, c.json])).toEqual([["POST", "/auth/link/consume", { token: "tok_12345678901234567890" }]]);
    expect(h.state.principal).toEqual({ kind: "client", email: "c@x.example" });
  });

  test("a used or expired link gets a page that says so and offers a new one", async () => {
    const h = renderPortal(<SignInLink token="tok_12345678901234567890" />, { principal: { kind: "anonymous" } });
    h.server.on("POST /auth/link/consume", apiError(410, "LINK_INVALID"));
    h.server.on("POST /auth/link", { status: 202, body: { sent: true } });
    fireEvent.click(screen.getByRole("button", { name: "Sign in" }));
    await screen.findByRole("heading", { level: 1, name: "This sign-in link no longer works" });
    expect(screen.getByText(/already been used or has expired/)).toBeTruthy();
    fireEvent.input(screen.getByLabelText("Email"), { target: { value: "c@x.example" } });
    fireEvent.click(screen.getByRole("button", { name: "Send me a new link" }));
    await screen.findByRole("heading", { name: "Check your mail" });
    expect(h.server.calls[1]!.json).toEqual({ email: "c@x.example", locale: "en" });
  });
});

describe("rating", () => {
  test("two steps: the vote, then its confirmation; nothing is sent without a score", async () => {
    const h = renderPortal(<RatingForm tid="1000015" token={null} />);
    h.server.on("POST /tickets/1000015/rating", { status: 200, body: { tid: "1000015", score: 2, confirmed: false } });
    h.server.on("POST /tickets/1000015/rating/confirm", { status: 200, body: { tid: "1000015", score: 2, confirmed: true } });
    fireEvent.click(screen.getByRole("button", { name: "Continue" }));
    expect(screen.getByText("Please choose a rating from 1 to 5.")).toBeTruthy();
    expect(h.server.calls).toHaveLength(0);
    fireEvent.click(screen.getByRole("radio", { name: "2, poor" }));
    fireEvent.input(screen.getByLabelText("Comment (optional)"), { target: { value: "  Slow.  " } });
    fireEvent.click(screen.getByRole("button", { name: "Continue" }));
    await screen.findByRole("heading", { name: "Please confirm your rating" });
    expect(h.server.calls.map((c) => c.path)).toEqual(["/tickets/1000015/rating"]);
    expect(h.server.calls[0]!.json).toEqual({ score: 2, comment: "Slow." });
    expect(screen.getByText("Your comment: “Slow.”")).toBeTruthy();
    fireEvent.click(screen.getByRole("button", { name: "Confirm rating" }));
    await screen.findByText("Thank you. Your rating (2 of 5) is saved.");
    expect(h.server.calls.map((c) => c.path)).toEqual(["/tickets/1000015/rating", "/tickets/1000015/rating/confirm"]);
  });
});

describe("find by TID", () => {
  test("a wrong check digit: the hint and links to the tickets meant", async () => {
    const h = renderPortal(<FindByTid />);
    h.server.on("GET /portal/find?tid=TID%231000016", apiError(422, "TID_INVALID", "TID#1000016 has a typing mistake: its check digit does not match. Did you mean TID#1000015?", "tid"));
    fireEvent.input(screen.getByLabelText("Ticket number"), { target: { value: "TID#1000016" } });
    fireEvent.click(screen.getByRole("button", { name: "Find" }));
    await screen.findByText("TID#1000016 has a typing mistake: its last digit (the check digit) does not match the others.");
    expect(screen.getByRole("link", { name: "TID#1000015" }).getAttribute("href")).toBe("/portal/t/1000015");
  });
});

describe("a new ticket", () => {
  test("checked like the widget's form, then sent as multipart with an Idempotency-Key", async () => {
    const h = renderPortal(<NewTicket />);
    h.server.on("POST /portal/tickets", { status: 201, body: { tid: "1000015", status: "new", slaLevel: "non-commercial-cloud", responseTargetAt: null, responseDueAt: null, receivedAt: "2026-03-02T09:00:00Z" } });
    expect(screen.getByText("You send this as client@kunde.example; we answer to this address.")).toBeTruthy();
    fireEvent.input(screen.getByLabelText("Page address"), { target: { value: "ftp://x" } });
    fireEvent.submit(screen.getByLabelText("Describe the problem").closest("form")!);
    expect(screen.getByText("Please describe the problem.")).toBeTruthy();
    expect(screen.getByText("Please enter an address that starts with http:// or https://.")).toBeTruthy();
    expect(h.server.calls).toHaveLength(0);
    fireEvent.input(screen.getByLabelText("Page address"), { target: { value: "https://shop.example/cart" } });
    fireEvent.input(screen.getByLabelText("Describe the problem"), { target: { value: "Cart is empty" } });
    fireEvent.change(screen.getByLabelText("Edition"), { target: { value: "cloud" } });
    fireEvent.submit(screen.getByLabelText("Describe the problem").closest("form")!);
    await waitFor(() => expect(location.pathname).toBe("/portal/t/1000015"));
    const call = h.server.calls[0]!;
    expect(call.headers["Idempotency-Key"]).toMatch(/^portal-[0-9a-f]{32}$/);
    expect(Object.fromEntries(call.form!.entries())).toEqual({ email: "client@kunde.example", description: "Cart is empty", urgent: "false", locale: "en", url: "https://shop.example/cart", edition: "cloud" });
    expect(h.announced).toEqual(["Thank you. Your ticket TID#1000015 is registered."]);
  });
});

describe("credentials", () => {
  test("the form sends only what was filled in; on a resolved ticket there is no form", async () => {
    const server = fakeServer();
    server.on("GET /tickets/1000015/credentials", { status: 200, body: { items: [] } }, { status: 200, body: { items: [{ id: "c1", kind: "ssh", label: "Root", createdBy: "x", createdAt: "2026-03-02T09:00:00Z" }] } });
    server.on("POST /tickets/1000015/credentials", { status: 201, body: { id: "c1", kind: "ssh", label: "Root" } });
    const h = renderPortal(<CredentialsForm tid="1000015" token={null} status="open" />, { server });
    await screen.findByText("Nothing handed over yet.");
    expect(screen.getByText(/destroyed when the ticket is resolved or closed/)).toBeTruthy();
    fireEvent.change(screen.getByLabelText("Kind of access"), { target: { value: "ssh" } });
    fireEvent.input(screen.getByLabelText("Name"), { target: { value: "Root" } });
    fireEvent.input(screen.getByLabelText("Password or key"), { target: { value: "s3cret" } });
    fireEvent.submit(screen.getByLabelText("Name").closest("form")!);
    await screen.findByText("“Root” was handed over securely.");
    expect(h.server.calls.find((c) => c.method === "POST")!.json).toEqual({ kind: "ssh", label: "Root", secret: "s3cret" });
    await screen.findByText("Root");
    expect(screen.getByLabelText<HTMLInputElement>("Password or key").value).toBe("");
    cleanup();
    renderPortal(<CredentialsForm tid="1000015" token={null} status="resolved" />);
    expect(screen.queryByLabelText("Password or key")).toBeNull();
    expect(screen.getByText(/any given before have been destroyed/)).toBeTruthy();
  });
});

describe("the portal frame", () => {
  test("signed out, a page asks to sign in; the language switches and the page follows", async () => {
    history.replaceState(null, "", "/portal/");
    const server = fakeServer();
    server.on("GET /auth/me", { status: 200, body: { principal: { kind: "anonymous" }, csrfToken: null } });
    server.on("GET /schedule", { status: 200, body: { timeZone: "Europe/Berlin", hours: [], holidays: [{ date: "2026-12-25", name: "1. Weihnachtstag" }], closures: [] } });
    const langs: string[] = [];
    render(<App api={createApi(server.fetch)} initialLang="en" browserLangs={["en-GB"]} onLang={(l) => langs.push(l)} />);
    await screen.findByRole("heading", { level: 1, name: "Sign in" });
    expect(screen.getByText("Please sign in to see your tickets.")).toBeTruthy();
    await screen.findByText(/1\. Weihnachtstag/);
    fireEvent.click(screen.getByRole("button", { name: "Language: Deutsch" }));
    await screen.findByRole("heading", { level: 1, name: "Anmelden" });
    expect(document.documentElement.lang).toBe("de");
    expect(langs).toEqual(["de"]);
    expect(within(screen.getByRole("contentinfo")).getByRole("heading", { name: "Support-Zeiten" })).toBeTruthy();
  });

  test("when the session ends, the page asks to sign in again", async () => {
    history.replaceState(null, "", "/portal/");
    const server = fakeServer();
    server.on("GET /auth/me", { status: 200, body: { principal: { kind: "client", email: "c@x.example" }, csrfToken: "c1" } });
    server.on("GET /schedule", apiError(503, "UNAVAILABLE"));
    server.on("GET /portal/tickets", apiError(401, "UNAUTHENTICATED"));
    render(<App api={createApi(server.fetch)} initialLang="en" browserLangs={["en-GB"]} />);
    await screen.findByText("Please sign in to see your tickets.");
    expect(screen.queryByRole("button", { name: "Sign out" })).toBeNull();
  });
});
