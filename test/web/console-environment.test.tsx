// @vitest-environment happy-dom
/**
 * The browser details on the console's ticket page (CONTRACT §9): tables with English and German
 * labels; client text stays text; a ticket without details says so.
 */
import { afterEach, describe, expect, test } from "vitest";
import { cleanup, screen, within } from "@testing-library/preact";
import { renderConsole, ticketRoutes, ticketView } from "./console-harness";
import type { Environment } from "../../shared/api/environment";

afterEach(() => {
  cleanup();
  document.body.innerHTML = "";
});

const environment: Environment = {
  userAgent: "Mozilla/5.0 (X11; Linux x86_64; rv:128.0) Gecko/20100101 Firefox/128.0",
  browser: { name: "Firefox", version: "128.0" },
  os: { name: "Linux" },
  viewport: { width: 1280, height: 720, pixelRatio: 1.5 },
  languages: ["de-DE", "en"],
  timeZone: "Europe/Berlin",
  page: "https://shop.example/admin/orders",
  errors: [{ kind: "rejection", message: "<img src=x onerror=alert(1)>", stack: "at pay (https://shop.example/pay.js:1:2)", at: "2026-12-07T07:59:58.000Z" }],
  requests: [{ method: "POST", url: "https://shop.example/api/pay", status: 0, at: "2026-12-07T07:59:59.000Z" }],
};

describe("browser details on the ticket page", () => {
  test("in English: browser and page, the errors and the failed requests", async () => {
    const { container } = renderConsole({ path: "/console/tickets/1000015", routes: ticketRoutes("1000015", ticketView({ environment })) });
    const panel = await screen.findByRole("region", { name: "Browser details" });
    const facts = within(within(panel).getByRole("table", { name: "Browser and page" }));
    expect(facts.getByRole("row", { name: /Browser/ }).textContent).toContain("Firefox 128.0");
    expect(facts.getByRole("row", { name: /Window/ }).textContent).toContain("1280 × 720, pixel ratio 1.5");
    expect(facts.getByRole("row", { name: /Languages/ }).textContent).toContain("de-DE, en");
    const errors = within(within(panel).getByRole("table", { name: "1 recent error on the page" }));
    expect(errors.getByText("Unhandled rejection")).toBeTruthy();
    expect(errors.getByText("<img src=x onerror=alert(1)>")).toBeTruthy();
    expect(container.querySelector("img")).toBeNull();
    const requests = within(within(panel).getByRole("table", { name: "1 failed request" }));
    expect(requests.getByText("no answer")).toBeTruthy();
    expect(requests.getByText("https://shop.example/api/pay").closest("a")).toBeNull();
  });

  test("in German, and without details", async () => {
    renderConsole({ path: "/console/tickets/1000015", lang: "de", routes: ticketRoutes("1000015", ticketView({ environment })) });
    const panel = await screen.findByRole("region", { name: "Browserdetails" });
    expect(within(panel).getByRole("table", { name: "Browser und Seite" })).toBeTruthy();
    expect(within(panel).getByRole("row", { name: /Fenster/ }).textContent).toContain("1280 × 720, Pixelverhältnis 1,5");
    expect(within(panel).getByText("Unbehandelte Ablehnung (Promise)")).toBeTruthy();
    expect(within(panel).getByText("keine Antwort")).toBeTruthy();
    cleanup();
    renderConsole({ path: "/console/tickets/1000015", routes: ticketRoutes("1000015", ticketView({ environment: null })) });
    expect(await screen.findByText("The client sent no browser details with this ticket.")).toBeTruthy();
  });
});
