// @vitest-environment happy-dom
/**
 * "Include browser details" (CONTRACT §9) in the dialog: ticked by default, what it sends is shown
 * behind a disclosure before sending, and unticked nothing of it is sent.
 */
import { afterEach, describe, expect, test } from "vitest";
import { cleanup, fireEvent, screen, waitFor } from "@testing-library/preact";
import { created, renderWidget } from "./harness";
import type { Environment } from "../../shared/api/environment";
import type { PageTrail } from "../../widget/types";

afterEach(() => {
  cleanup();
  document.body.innerHTML = "";
});

const at = "2026-03-02T08:59:00.000Z";
const trail: PageTrail = {
  errors: [{ kind: "error", message: "TypeError: cart is null (user ops@shop.example)", stack: "at checkout (https://shop.example/app.js:3:9)", at }],
  requests: [{ method: "GET", url: "https://shop.example/api/cart/ghp_abcdefghijklmnopqrstuvwxyz0123456789", status: 404, at }],
};
const dialog = () => screen.getByRole("dialog");
const type = (label: string, value: string) => fireEvent.input(screen.getByLabelText(label), { target: { value } });
const send = () => fireEvent.submit(dialog().querySelector("form")!);

describe("the browser details option", () => {
  test("is ticked; the disclosure lists what will be sent, redacted; that is what is sent", async () => {
    const h = renderWidget({ trail, settings: { email: "admin@shop.example" } });
    h.respond(created());
    h.open();
    const box = screen.getByRole<HTMLInputElement>("checkbox", { name: "Include browser details" });
    expect(box.checked).toBe(true);
    const details = screen.getByText("Review the browser details").closest("details")!;
    details.open = true;
    fireEvent(details, new Event("toggle"));
    const shown = (await screen.findByLabelText("Include browser details", { selector: "pre" })).textContent;
    for (const words of ["TypeError: cart is null", "at checkout (https://shop.example/app.js:3:9)", "https://shop.example/api/cart/[REDACTED]", "Europe/Berlin", "\"pixelRatio\": 2", "https://shop.example/admin/orders\""]) {
      expect(shown).toContain(words);
    }
    for (const secret of ["ghp_abcdef", "ops@shop.example", "token=abc"]) expect(shown).not.toContain(secret);

    type("Describe the problem", "The cart page is empty");
    send();
    await waitFor(() => expect(h.requests).toHaveLength(1));
    const sent = JSON.parse(h.requests[0]!.fields.environment!) as Environment;
    expect(sent).toEqual(JSON.parse(shown));
    expect(sent.requests).toEqual([{ method: "GET", url: "https://shop.example/api/cart/[REDACTED]", status: 404, at }]);
    expect(sent.userAgent).toContain("Firefox/128.0");
  });

  test("unticked, no environment is sent, and the disclosure is gone", async () => {
    const h = renderWidget({ trail, settings: { email: "admin@shop.example" } });
    h.respond(created());
    h.open();
    fireEvent.click(screen.getByRole("checkbox", { name: "Include browser details" }));
    expect(screen.queryByText("Review the browser details")).toBeNull();
    type("Describe the problem", "The cart page is empty");
    send();
    await waitFor(() => expect(h.requests).toHaveLength(1));
    expect(h.requests[0]!.fields).not.toHaveProperty("environment");
    expect(h.requests[0]!.fields.description).toBe("The cart page is empty");
  });

  test("in German", () => {
    const h = renderWidget({ lang: "de" });
    h.open();
    expect(screen.getByRole<HTMLInputElement>("checkbox", { name: "Browserdetails mitsenden" }).checked).toBe(true);
    expect(screen.getByText("Browserdetails ansehen")).toBeTruthy();
  });
});
