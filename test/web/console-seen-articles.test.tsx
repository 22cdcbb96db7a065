// @vitest-environment happy-dom
/**
 * What the client read before writing, on the console's ticket page (issue 16, SLA 1.2): the
 * articles the widget showed, opened ones marked, and the documentation link as text.
 */
import { afterEach, describe, expect, test } from "vitest";
import { cleanup, screen, within } from "@testing-library/preact";
import { renderConsole, ticketRoutes, ticketView } from "./console-harness";

afterEach(() => {
  cleanup();
  document.body.innerHTML = "";
});

const kbArticles = [
  { slug: "renew-certificate", locale: "en", title: "Renew an expired certificate", url: "/help/en/renew-certificate", shown: true, opened: true, linked: false },
  { slug: "mail-delivery", locale: "en", title: "Mails do not arrive", url: "/help/en/mail-delivery", shown: true, opened: false, linked: false },
  { slug: "staff-only-link", locale: "en", title: "Linked by staff later", url: "/help/en/staff-only-link", shown: false, opened: false, linked: true },
];

describe("articles the client saw before writing", () => {
  test("links to the articles shown, opened ones marked; the documentation link is text; in German too", async () => {
    renderConsole({ path: "/console/tickets/1000015", routes: ticketRoutes("1000015", ticketView({ kbArticles, docLink: "javascript:alert(1)" })) });
    const panel = await screen.findByRole("region", { name: "Articles the client saw before writing" });
    const items = within(panel).getAllByRole("listitem");
    expect(items.map((i) => i.textContent)).toEqual(["Renew an expired certificate opened", "Mails do not arrive"]);
    expect(within(items[0]!).getByRole("link").getAttribute("href")).toBe("/help/en/renew-certificate");
    expect(within(panel).getByText("javascript:alert(1)").tagName).toBe("DD");
    expect(panel.querySelectorAll("a[href^='javascript']")).toHaveLength(0);
    cleanup();
    renderConsole({ path: "/console/tickets/1000015", lang: "de", routes: ticketRoutes("1000015", ticketView({ kbArticles })) });
    const de = await screen.findByRole("region", { name: "Artikel, die der Kunde vor dem Schreiben sah" });
    expect(within(de).getByText("geöffnet")).toBeTruthy();
  });

  test("a ticket without any has no such section", async () => {
    renderConsole({ path: "/console/tickets/1000015", routes: ticketRoutes("1000015", ticketView({ kbArticles: [] })) });
    await screen.findByRole("region", { name: "Browser details" });
    expect(screen.queryByRole("region", { name: "Articles the client saw before writing" })).toBeNull();
  });
});
