// @vitest-environment happy-dom
import { afterEach, describe, expect, test, vi } from "vitest";
import { act, cleanup, fireEvent, screen, waitFor, within } from "@testing-library/preact";
import { created, failed, renderWidget } from "./harness";

afterEach(() => {
  vi.restoreAllMocks();
  cleanup();
  document.body.innerHTML = "";
});

const dialog = () => screen.getByRole("dialog");
const type = (label: string, value: string) => fireEvent.input(screen.getByLabelText(label), { target: { value } });
const send = () => fireEvent.submit(dialog().querySelector("form")!);

describe("the report form", () => {
  test("has the accessible names of CONTRACT §9 and starts from the tag, set() and the page address", () => {
    const h = renderWidget({ settings: { email: "admin@shop.example" }, tag: { phpinfoUrl: "/admin/phpinfo.php" } });
    h.open();
    expect(screen.getByRole("dialog", { name: "Contact support" })).toBeTruthy();
    expect(screen.getByLabelText<HTMLInputElement>("Email").value).toBe("admin@shop.example");
    expect(screen.getByLabelText<HTMLInputElement>("Product version").value).toBe("24.100.0");
    expect(screen.getByLabelText<HTMLSelectElement>("Edition").value).toBe("cloud");
    // The query string and fragment often carry tokens: left out by default.
    expect(screen.getByLabelText<HTMLInputElement>("Page address").value).toBe("https://shop.example/admin/orders");
    for (const name of ["Describe the problem", "Steps to reproduce"]) expect(screen.getByLabelText(name)).toBeTruthy();
    for (const name of ["The site is down or partly broken", "Include server configuration (phpinfo)"]) {
      expect(screen.getByRole("checkbox", { name })).toBeTruthy();
    }
    for (const name of ["Attach files", "Capture screenshot", "Send", "Close"]) expect(screen.getByRole("button", { name })).toBeTruthy();
    expect(h.events.map((e) => e.event)).toEqual(["open"]);
    expect(h.launcher.getAttribute("aria-expanded")).toBe("true");
  });

  test("set() fills what the user has not typed over; the phpinfo box shows only with a source", () => {
    const h = renderWidget();
    h.open();
    expect(screen.queryByRole("checkbox", { name: "Include server configuration (phpinfo)" })).toBeNull();
    type("Product version", "23.0.1");
    h.set({ email: "new@shop.example", productVersion: "25.0.0", edition: "self-hosted", phpinfo: "PHP Version => 8.3.0" });
    expect(screen.getByLabelText<HTMLInputElement>("Email").value).toBe("new@shop.example");
    expect(screen.getByLabelText<HTMLInputElement>("Product version").value).toBe("23.0.1");
    expect(screen.getByLabelText<HTMLSelectElement>("Edition").value).toBe("self-hosted");
    expect(screen.getByRole("checkbox", { name: "Include server configuration (phpinfo)" })).toBeTruthy();
  });

  test("open(prefill) fills in what the host page knows; set() later does not overwrite it", () => {
    const h = renderWidget({ settings: { email: "admin@shop.example" } });
    h.open({ description: "Payment page blank", steps: "1. Pay", url: "https://shop.example/pay", productVersion: "24.1.0", edition: "self-hosted", urgent: true });
    expect(screen.getByLabelText<HTMLTextAreaElement>("Describe the problem").value).toBe("Payment page blank");
    expect(screen.getByLabelText<HTMLTextAreaElement>("Steps to reproduce").value).toBe("1. Pay");
    expect(screen.getByLabelText<HTMLInputElement>("Page address").value).toBe("https://shop.example/pay");
    expect(screen.getByRole<HTMLInputElement>("checkbox", { name: "The site is down or partly broken" }).checked).toBe(true);
    h.set({ productVersion: "99.0.0", edition: "cloud" });
    expect(screen.getByLabelText<HTMLInputElement>("Product version").value).toBe("24.1.0");
    expect(screen.getByLabelText<HTMLSelectElement>("Edition").value).toBe("self-hosted");
    void act(() => h.handle.current!.close());
    expect(screen.queryByRole("dialog")).toBeNull();
  });

  test("invalid fields are marked and named, the first gets the focus, and nothing is sent", async () => {
    const h = renderWidget();
    h.open();
    type("Email", "not-an-address");
    type("Page address", "ftp://shop.example/");
    type("Product version", "-bad");
    send();
    expect(screen.getByRole("alert").textContent).toBe("Please correct the marked fields.");
    const email = screen.getByLabelText("Email");
    expect(email.getAttribute("aria-invalid")).toBe("true");
    expect(email.getAttribute("aria-describedby")).toContain("tdg-email-error");
    expect(screen.getByText("Please enter a valid email address, like name@example.com.")).toBeTruthy();
    expect(screen.getByText("Please describe the problem.")).toBeTruthy();
    expect(screen.getByText("Please enter an address that starts with http:// or https://.")).toBeTruthy();
    expect(screen.getByText("Please enter a version like 24.100.0.")).toBeTruthy();
    await waitFor(() => expect(document.activeElement).toBe(email));
    expect(h.requests).toHaveLength(0);
  });

  test("the summary alert stays while a field is marked and goes once every marked field is corrected", async () => {
    renderWidget().open();
    type("Email", "not-an-address");
    send();
    expect(screen.getByRole("alert").textContent).toBe("Please correct the marked fields.");
    type("Email", "admin@shop.example");
    expect(screen.getByRole("alert").textContent).toBe("Please correct the marked fields.");
    type("Describe the problem", "The checkout page is blank.");
    await waitFor(() => expect(screen.queryByRole("alert")?.textContent ?? "").not.toContain("Please correct"));
  });

  test("sending shows progress, then the TID, the level and the due time in words", async () => {
    const h = renderWidget({ settings: { email: "admin@shop.example", name: "Shop Admin" } });
    let progress: ((l: number, t: number) => void) | undefined;
    let finish!: () => void;
    h.respond((p) => { progress = p; return new Promise((r) => (finish = () => r(created()))); });
    h.open();
    type("Describe the problem", "Checkout fails with error 500");
    type("Steps to reproduce", "1. Add to cart\n2. Pay");
    fireEvent.click(screen.getByRole("checkbox", { name: "The site is down or partly broken" }));
    send();
    await waitFor(() => expect(h.requests).toHaveLength(1));
    progress!(50, 100);
    await waitFor(() => expect(screen.getByRole("status").textContent).toBe("Sending… 50%"));
    expect(screen.getByRole<HTMLProgressElement>("progressbar").value).toBe(50);
    expect(screen.getByRole("button", { name: "Send" }).hasAttribute("disabled")).toBe(true);

    const { req, fields } = h.requests[0]!;
    expect(req.url).toBe("https://support.example/api/v1/tickets");
    expect(req.headers["Idempotency-Key"]).toBe("test-key-1");
    expect(req.headers["X-Tidings-Site"]).toBe("site_test");
    expect(fields).toEqual({
      email: "admin@shop.example", name: "Shop Admin", description: "Checkout fails with error 500", steps: "1. Add to cart\n2. Pay",
      url: "https://shop.example/admin/orders", productVersion: "24.100.0", edition: "cloud", urgent: "true", locale: "en",
      // "Include browser details" is ticked by default (test/widget/environment-option.test.tsx).
      environment: expect.any(String) as unknown,
    });

    finish();
    const sent = await screen.findByText("TID#1000015");
    expect(sent).toBeTruthy();
    const view = within(dialog());
    expect(view.getByText("Commercial, cloud")).toBeTruthy();
    // 16:00 UTC is seven hours after "now" (09:00 UTC) in this test.
    expect(view.getByText(/We will answer by .*March.* \(in 7 hours\)\./)).toBeTruthy();
    expect(view.getByText("Marked as urgent: it is handled before other reports.")).toBeTruthy();
    expect(h.events.at(-1)).toMatchObject({ event: "submitted", detail: { tid: "1000015", slaLevel: "commercial-cloud" } });
  });

  test("in German, every label, state and answer is German", async () => {
    const h = renderWidget({ lang: "de", settings: { email: "admin@shop.example" } });
    h.respond(created("1000023", { slaLevel: "non-commercial-self-hosted" }));
    h.open();
    expect(screen.getByRole("dialog", { name: "Support kontaktieren" })).toBeTruthy();
    for (const label of ["E-Mail", "Problem beschreiben", "Schritte zum Nachvollziehen", "Seitenadresse", "Produktversion"]) {
      expect(screen.getByLabelText(label)).toBeTruthy();
    }
    for (const name of ["Dateien anhängen", "Screenshot aufnehmen", "Senden"]) expect(screen.getByRole("button", { name })).toBeTruthy();
    send();
    expect(await screen.findByText("Bitte beschreiben Sie das Problem.")).toBeTruthy();
    type("Problem beschreiben", "Der Checkout bricht ab");
    send();
    expect(await screen.findByText("TID#1000023")).toBeTruthy();
    expect(screen.getByText("Nicht kommerziell, selbst gehostet")).toBeTruthy();
    expect(screen.getByText(/Wir antworten bis .*März.* \(in 7 Stunden\)\./)).toBeTruthy();
  });

  test("Esc closes, focus returns to the launcher, and the draft is still there on reopening", () => {
    const h = renderWidget();
    h.open();
    type("Describe the problem", "Half-written");
    fireEvent.keyDown(dialog(), { key: "Escape" });
    expect(screen.queryByRole("dialog")).toBeNull();
    expect(document.activeElement).toBe(h.launcher);
    expect(h.launcher.getAttribute("aria-expanded")).toBe("false");
    h.open();
    expect(screen.getByLabelText<HTMLTextAreaElement>("Describe the problem").value).toBe("Half-written");
    expect(h.events.map((e) => e.event)).toEqual(["open", "close", "open"]);
  });

  test("Tab and Shift+Tab stay inside the dialog", () => {
    const h = renderWidget();
    h.open();
    const close = screen.getByRole("button", { name: "Close" });
    const sendButton = screen.getByRole("button", { name: "Send" });
    sendButton.focus();
    fireEvent.keyDown(sendButton, { key: "Tab" });
    expect(document.activeElement).toBe(close);
    fireEvent.keyDown(close, { key: "Tab", shiftKey: true });
    expect(document.activeElement).toBe(sendButton);
    expect(h.launcher).not.toBe(document.activeElement);
  });
});

describe("server answers", () => {
  test("a refusal is shown by its code, translated, with the field named; the draft can be corrected and sent", async () => {
    const h = renderWidget({ settings: { email: "a@shop.example" } });
    h.respond(failed(422, "VALIDATION_FAILED", "url"), created("1000031"));
    h.open();
    type("Describe the problem", "x");
    send();
    const alert = await screen.findByRole("alert");
    expect(alert.textContent).toBe("Please check the field “Page address”.");
    expect(screen.getByLabelText("Page address").getAttribute("aria-invalid")).toBe("true");
    expect(h.events.at(-1)).toMatchObject({ event: "error", detail: { code: "VALIDATION_FAILED" } });
    type("Page address", "https://shop.example/cart");
    send();
    expect(await screen.findByText("TID#1000031")).toBeTruthy();
    // A refused request stored no key on the server, so the corrected one may reuse it.
    expect(h.requests.map((r) => r.req.headers["Idempotency-Key"])).toEqual(["test-key-1", "test-key-1"]);
  });

  test.each([
    ["en", "RATE_LIMITED", "Too many reports were sent from your address in a short time. Please wait a minute and try again."],
    ["de", "ORIGIN_NOT_ALLOWED", "Der Helpdesk ist für diese Seite noch nicht eingerichtet, daher konnte Ihre Meldung nicht gesendet werden. Bitte wenden Sie sich an die Administration der Website."],
    ["en", "SOMETHING_NEW", "The report could not be sent (SOMETHING_NEW). Please try again later."],
  ] as const)("%s: %s reads as a sentence for people", async (lang, code, text) => {
    vi.spyOn(console, "warn").mockImplementation(() => {});
    const h = renderWidget({ lang, settings: { email: "a@shop.example" } });
    h.respond(failed(code === "RATE_LIMITED" ? 429 : 403, code));
    h.open();
    type(lang === "de" ? "Problem beschreiben" : "Describe the problem", "x");
    send();
    expect((await screen.findByRole("alert")).textContent).toBe(text);
  });

  test("a page its site does not allow: a clear alert, the draft kept and editable, one warning for the site admin, no retry", async () => {
    const warn = vi.spyOn(console, "warn").mockImplementation(() => {});
    const h = renderWidget({ settings: { email: "a@shop.example" }, tag: { siteKey: "site_shop" } });
    h.respond(failed(403, "ORIGIN_NOT_ALLOWED"), failed(403, "ORIGIN_NOT_ALLOWED"));
    h.open();
    type("Describe the problem", "Checkout hangs after the payment step");
    send();
    const alert = await screen.findByRole("alert");
    expect(alert.textContent).toBe("The help desk isn't set up for this page yet, so your report could not be sent. Please contact the site's administrator.");
    await waitFor(() => expect(document.activeElement).toBe(alert));
    expect(screen.queryByText(/The connection was lost/)).toBeNull();
    const description = screen.getByLabelText<HTMLTextAreaElement>("Describe the problem");
    expect(description.value).toBe("Checkout hangs after the payment step");
    expect(description.closest("fieldset")!.disabled).toBe(false);
    expect((await h.store.list("site_shop")).map((d) => d.fields.description)).toEqual(["Checkout hangs after the payment step"]);
    expect(h.events.at(-1)).toMatchObject({ event: "error", detail: { code: "ORIGIN_NOT_ALLOWED" } });
    expect(warn).toHaveBeenCalledTimes(1);
    expect(warn.mock.calls[0]![0]).toBe(
      "Tidings: this page's origin https://shop.example is not an allowed origin of site site_shop, so no report can be sent from it. Add https://shop.example to the site's allowed origins in the Tidings console (Admin → Sites).",
    );

    h.goOnline();
    expect(h.requests).toHaveLength(1);
    send();
    await waitFor(() => expect(h.requests).toHaveLength(2));
    expect(h.requests[1]!.req.headers["Idempotency-Key"]).toBe(h.requests[0]!.req.headers["Idempotency-Key"]);
    await waitFor(() => expect(screen.getByRole("button", { name: "Send" }).hasAttribute("disabled")).toBe(false));
    expect(warn).toHaveBeenCalledTimes(1);
  });

  test("a report an earlier page left, refused for this page's origin: kept, and the dialog says why before anything is typed", async () => {
    const warn = vi.spyOn(console, "warn").mockImplementation(() => {});
    const h = renderWidget();
    await h.store.put({ key: "old-1", siteKey: "site_test", url: "", fields: { email: "a@shop.example", description: "Written offline" }, files: [], savedAt: 0 });
    h.respond(failed(403, "ORIGIN_NOT_ALLOWED"));
    // As an async callback would: act waits for the (resolved) promise before it flushes.
    await act(() => { h.handle.current!.resume(); return Promise.resolve(); });
    await waitFor(() => expect(warn).toHaveBeenCalledTimes(1));
    h.open();
    expect((await screen.findByRole("alert")).textContent).toMatch(/^The help desk isn't set up for this page yet/);
    expect((await h.store.list("site_test")).map((d) => d.key)).toEqual(["old-1"]);
    expect(h.requests).toHaveLength(1);
  });

  test("a lost connection keeps the draft; back online it goes again with the same key and body, once", async () => {
    const h = renderWidget({ settings: { email: "a@shop.example" } });
    h.respond({ status: 0, body: null, retryAfter: null }, created("1000049"));
    h.open();
    type("Describe the problem", "Sent while the train enters a tunnel");
    h.setOnline(false);
    send();
    await waitFor(() => expect(screen.getByRole("status").textContent).toMatch(/^The connection was lost\. Your report is saved on this device/));
    expect((await h.store.list("site_test")).map((d) => d.key)).toEqual(["test-key-1"]);
    expect(screen.getByLabelText("Describe the problem").closest("fieldset")!.disabled).toBe(true);

    h.goOnline();
    expect(await screen.findByText("TID#1000049")).toBeTruthy();
    expect(h.requests).toHaveLength(2);
    expect(h.requests[1]!.req.headers["Idempotency-Key"]).toBe(h.requests[0]!.req.headers["Idempotency-Key"]);
    expect(h.requests[1]!.fields).toEqual(h.requests[0]!.fields);
    expect(await h.store.list("site_test")).toEqual([]);
    h.goOnline();
    expect(h.requests).toHaveLength(2);
  });
});
