// @vitest-environment happy-dom
/**
 * The console's knowledge base (issue 16, "Staff") in happy-dom against a scripted API: the
 * article editor with its live preview, save and revisions; read-only for agents; the article
 * list's filters; the composer's "Insert article link" and `{{article:slug}}` in canned answers;
 * "Draft an article" on a resolved ticket.
 */
import { afterEach, describe, expect, test } from "vitest";
import { cleanup, fireEvent, screen, waitFor, within } from "@testing-library/preact";
import type { z } from "zod";
import type { kbArticleDetailSchema } from "../../shared/api/kb-staff";
import { renderConsole, replyRoutes, staff, ticketRoutes, ticketView } from "./console-harness";

afterEach(() => {
  cleanup();
  document.body.innerHTML = "";
  history.replaceState(null, "", "/");
});

type Detail = z.output<typeof kbArticleDetailSchema>;
const detail = (over: Partial<Detail> = {}): Detail => ({
  id: 5, slug: "renew-the-certificate", locale: "en", title: "Renew the certificate", body: "Open **Settings**.", html: "<p>Open <strong>Settings</strong>.</p>\n",
  category: "security", tags: ["ssl"], editions: ["cloud"], versions: ["24.*"], visibility: "draft", publishAt: null, translationKey: null, revision: 1,
  updatedAt: "2026-12-07T09:00:00.000Z", url: "/help/en/renew-the-certificate",
  revisions: [{ revision: 1, author: "staff:ed@support.test", createdAt: "2026-12-07T09:00:00.000Z" }], ...over,
});
const me = (role: "agent" | "editor" | "admin") => ({ "GET /auth/me": () => ({ body: staff(role) }) });

describe("the article editor", () => {
  test("an editor writes a new article: the address follows the title, the preview follows the text, save creates it and opens its revisions", async () => {
    let created: Detail | null = null;
    const h = renderConsole({
      path: "/console/articles/new",
      routes: {
        ...me("editor"),
        "POST /kb/articles/preview": (req) => ({ body: { html: `<p>${String((req.body as { body: string }).body).replace("**Settings**", "<strong>Settings</strong>")}</p>` } }),
        "POST /kb/articles": (req) => {
          created = detail({ ...(req.body as Partial<Detail>), id: 5 });
          return { status: 201, body: created };
        },
        "GET /kb/articles/5": () => ({ body: created }),
      },
    });
    await screen.findByRole("heading", { level: 1, name: "New article" });
    fireEvent.input(screen.getByLabelText("Title"), { target: { value: "Renew the certificate" } });
    expect(screen.getByLabelText<HTMLInputElement>("Address").value).toBe("renew-the-certificate");
    expect(screen.getByText("The help center page: /help/en/renew-the-certificate")).toBeTruthy();
    fireEvent.input(screen.getByLabelText("Text (Markdown)"), { target: { value: "Open **Settings**." } });
    const preview = screen.getByRole("region", { name: "Preview" });
    await waitFor(() => expect(preview.querySelector("strong")?.textContent).toBe("Settings"));
    expect(h.requests("POST", "/kb/articles/preview").at(-1)!.body).toEqual({ body: "Open **Settings**." });
    fireEvent.input(screen.getByLabelText("Category"), { target: { value: "security" } });
    fireEvent.input(screen.getByLabelText("Tags"), { target: { value: "ssl, tls ," } });
    fireEvent.click(screen.getByLabelText("Cloud"));
    fireEvent.input(screen.getByLabelText("Product versions"), { target: { value: "24.*" } });
    fireEvent.change(screen.getByLabelText("Visibility"), { target: { value: "internal" } });
    fireEvent.click(screen.getByRole("button", { name: "Save" }));
    await screen.findByRole("heading", { level: 2, name: "Revisions" });
    expect(h.requests("POST", "/kb/articles").filter((r) => r.path === "/kb/articles")[0]!.body).toEqual({
      title: "Renew the certificate", slug: "renew-the-certificate", locale: "en", category: "security", tags: ["ssl", "tls"], editions: ["cloud"],
      versions: ["24.*"], visibility: "internal", translationKey: null, body: "Open **Settings**.", publishAt: null,
    });
    expect(location.pathname).toBe("/console/articles/5");
    expect(screen.getByText("Revision 1")).toBeTruthy();
  });

  test("a publish time is entered in the browser's own time and sent as an instant", async () => {
    const h = renderConsole({
      path: "/console/articles/new",
      routes: { ...me("editor"), "POST /kb/articles/preview": () => ({ body: { html: "" } }), "POST /kb/articles": (req) => ({ status: 201, body: detail({ ...(req.body as Partial<Detail>), id: 5 }) }), "GET /kb/articles/5": () => ({ body: detail() }) },
    });
    await screen.findByRole("heading", { level: 1, name: "New article" });
    fireEvent.input(screen.getByLabelText("Title"), { target: { value: "Later" } });
    const at = screen.getByLabelText<HTMLInputElement>("Publish at");
    fireEvent.input(at, { target: { value: "2027-01-04T09:30" } });
    expect(at.value).toBe("2027-01-04T09:30");
    fireEvent.click(screen.getByRole("button", { name: "Save" }));
    await waitFor(() => expect(h.requests("POST", "/kb/articles").filter((r) => r.path === "/kb/articles")).toHaveLength(1));
    const sent = h.requests("POST", "/kb/articles").filter((r) => r.path === "/kb/articles")[0]!.body as { publishAt: string };
    expect(sent.publishAt).toBe(new Date(2027, 0, 4, 9, 30).toISOString());
  });

  test("saving an article sends the revision it was opened at and lists the new revision", async () => {
    let current = detail();
    const h = renderConsole({
      path: "/console/articles/5",
      routes: {
        ...me("admin"),
        "GET /kb/articles/5": () => ({ body: current }),
        "POST /kb/articles/preview": () => ({ body: { html: "<p>Open the settings.</p>" } }),
        "PUT /kb/articles/5": (req) => {
          const b = req.body as Detail;
          current = detail({ body: b.body, revision: 2, revisions: [{ revision: 2, author: "staff:admin@support.test", createdAt: "2026-12-07T10:00:00.000Z" }, ...current.revisions] });
          return { body: current };
        },
      },
    });
    const box = await screen.findByLabelText<HTMLTextAreaElement>("Text (Markdown)");
    expect(box.value).toBe("Open **Settings**.");
    // The stored rendering shows at once; no preview is asked for the text as saved.
    expect(screen.getByRole("region", { name: "Preview" }).innerHTML).toContain("<strong>Settings</strong>");
    fireEvent.input(box, { target: { value: "Open the settings." } });
    fireEvent.click(screen.getByRole("button", { name: "Save" }));
    await screen.findByText("Saved as revision 2.");
    expect(h.requests("PUT", "/kb/articles/5")[0]!.body).toMatchObject({ body: "Open the settings.", baseRevision: 1, editions: ["cloud"], versions: ["24.*"], tags: ["ssl"] });
    const revisions = within(screen.getByRole("region", { name: "Revisions" })).getAllByRole("listitem").map((li) => li.textContent);
    expect(revisions[0]).toContain("Revision 2");
    expect(revisions[0]).toContain("admin@support.test");
    expect(revisions[1]).toContain("Revision 1");
  });

  test("a refused save says which field, and marks it", async () => {
    renderConsole({
      path: "/console/articles/5",
      routes: {
        ...me("editor"),
        "GET /kb/articles/5": () => ({ body: detail() }),
        "POST /kb/articles/preview": () => ({ body: { html: "" } }),
        "PUT /kb/articles/5": () => ({ status: 422, body: { error: { code: "VALIDATION_FAILED", message: "must be lower-case words joined by hyphens", field: "slug", requestId: "r" } } }),
      },
    });
    const slug = await screen.findByLabelText("Address");
    fireEvent.input(slug, { target: { value: "Not A Slug" } });
    fireEvent.click(screen.getByRole("button", { name: "Save" }));
    expect((await screen.findByRole("alert")).textContent).toContain("Address: must be lower-case words joined by hyphens");
    expect(slug.getAttribute("aria-invalid")).toBe("true");
  });

  test("an agent reads an article with the form shut: no save, no preview calls", async () => {
    const h = renderConsole({ path: "/console/articles/5", routes: { ...me("agent"), "GET /kb/articles/5": () => ({ body: detail() }) } });
    const box = await screen.findByLabelText<HTMLTextAreaElement>("Text (Markdown)");
    expect(box.closest("fieldset")!.disabled).toBe(true);
    expect(screen.getByText("You can read articles; editors and admins write them.")).toBeTruthy();
    expect(screen.queryByRole("button", { name: "Save" })).toBeNull();
    expect(h.requests("POST", "/kb/articles/preview")).toHaveLength(0);
  });

  test("the article list filters by language, visibility, category and words", async () => {
    const h = renderConsole({
      path: "/console/articles",
      routes: { ...me("agent"), "GET /kb/articles": () => ({ body: { items: [{ ...detail(), updatedBy: "staff:ed@support.test" }] } }) },
    });
    await screen.findByRole("link", { name: "Renew the certificate" });
    expect(screen.queryByRole("link", { name: "New article" })).toBeNull();
    fireEvent.change(screen.getByLabelText("Language"), { target: { value: "de" } });
    fireEvent.change(screen.getByLabelText("Visibility"), { target: { value: "internal" } });
    fireEvent.input(screen.getByLabelText("Category"), { target: { value: "security" } });
    fireEvent.input(screen.getByLabelText("Words in title, address or tags"), { target: { value: "tls" } });
    fireEvent.click(screen.getByRole("button", { name: "Filter" }));
    await waitFor(() => expect(h.requests("GET", "/kb/articles").at(-1)!.path).toBe("/kb/articles?locale=de&visibility=internal&category=security&q=tls"));
  });
});

describe("article links in the composer", () => {
  const hits = [
    { slug: "renew-certificate", title: "Renew the certificate", snippet: "Open <mark>certificate</mark> settings", url: "/help/en/renew-certificate", category: "security", score: 2 },
    { slug: "cert-internals", title: "Certificate internals", snippet: "How the <mark>certificate</mark> store works", url: "/help/en/cert-internals", category: null, score: 1 },
  ];

  test("searching inserts a public article's title and address at the cursor; an internal one is not linked, and says why", async () => {
    const h = renderConsole({
      path: "/console/tickets/1000015",
      routes: replyRoutes([], {
        "GET /kb/search": () => ({ body: { results: hits } }),
        "GET /kb/articles": () => ({ body: { items: [{ ...detail({ slug: "cert-internals", visibility: "internal" }), updatedBy: "x" }] } }),
      }),
    });
    const box = await screen.findByLabelText<HTMLTextAreaElement>("Reply (mailed to the client)");
    fireEvent.input(box, { target: { value: "Hello,\n\nplease see" } });
    box.setSelectionRange(box.value.length, box.value.length);
    fireEvent.click(screen.getByRole("button", { name: "Insert article link" }));
    fireEvent.input(await screen.findByLabelText("Search articles"), { target: { value: "certificate expired" } });
    const insert = await screen.findByRole("button", { name: /^Insert link\W+Renew the certificate$/ });
    await waitFor(() => expect((insert as HTMLButtonElement).disabled).toBe(false));
    expect(h.requests("GET", "/kb/search").at(-1)!.path).toBe("/kb/search?q=certificate+expired&locale=en&limit=8");
    expect(h.requests("GET", "/kb/articles")[0]!.path).toBe("/kb/articles?locale=en&visibility=internal");
    expect(screen.getByText("Internal: clients cannot open it, so it is not linked.")).toBeTruthy();
    expect(screen.queryByRole("button", { name: /Certificate internals/ })).toBeNull();
    fireEvent.click(insert);
    const url = new URL("/help/en/renew-certificate", location.origin).href;
    await waitFor(() => expect(box.value).toBe(`Hello,\n\nplease see\n\nRenew the certificate: ${url}`));
    fireEvent.submit(box.closest("form")!);
    await screen.findByText("Reply sent; the client gets it by mail.");
    expect(h.requests("POST", "/tickets/1000015/messages")[0]!.body).toEqual({ body: `Hello,\n\nplease see\n\nRenew the certificate: ${url}`, visibility: "public" });
  });

  test("a German ticket searches German articles first", async () => {
    const h = renderConsole({
      path: "/console/tickets/1000015",
      routes: ticketRoutes("1000015", ticketView({ locale: "de" }), { "GET /kb/search": () => ({ body: { results: [] } }), "GET /kb/articles": () => ({ body: { items: [] } }) }),
    });
    await screen.findByLabelText("Reply (mailed to the client)");
    fireEvent.click(screen.getByRole("button", { name: "Insert article link" }));
    fireEvent.input(await screen.findByLabelText("Search articles"), { target: { value: "Zertifikat" } });
    await screen.findByText("No article found.");
    expect(h.requests("GET", "/kb/search").at(-1)!.path).toBe("/kb/search?q=Zertifikat&locale=de&limit=8");
  });

  test("a canned answer's {{article:slug}} becomes the public article's link; one that is not public stays and blocks sending", async () => {
    const canned = { id: 9, title: "Certificate help", locale: "en", category: "docs", body: "See {{article:renew-certificate}}\nand {{article:gone}}.", updatedBy: "admin", updatedAt: "2026-12-01T00:00:00Z" };
    const h = renderConsole({
      path: "/console/tickets/1000015",
      routes: replyRoutes([canned], {
        "GET /kb/articles": (req) => ({ body: { items: req.path.includes("slug=renew-certificate") ? [{ ...detail({ slug: "renew-certificate", url: "/help/en/renew-certificate", visibility: "public" }), updatedBy: "x" }] : [] } }),
      }),
    });
    await screen.findByRole("option", { name: "Certificate help" });
    const box = await screen.findByLabelText<HTMLTextAreaElement>("Reply (mailed to the client)");
    fireEvent.change(screen.getByLabelText("Canned answer"), { target: { value: "9" } });
    fireEvent.click(screen.getByRole("button", { name: "Insert" }));
    const url = new URL("/help/en/renew-certificate", location.origin).href;
    await waitFor(() => expect(box.value).toBe(`See Renew the certificate: ${url}\nand {{article:gone}}.`));
    expect(h.requests("GET", "/kb/articles").map((r) => r.path).sort()).toEqual(["/kb/articles?slug=gone&locale=en&visibility=public", "/kb/articles?slug=renew-certificate&locale=en&visibility=public"]);
    expect((await screen.findByRole("alert")).textContent).toContain("{{article:gone}}");
    fireEvent.submit(box.closest("form")!);
    await waitFor(() => expect(screen.getByRole("alert").textContent).toBe("The reply still names an article by {{article:…}}: replace it with a link first."));
    expect(h.requests("POST", "/tickets/1000015/messages")).toHaveLength(0);
  });
});

describe("drafting an article from a ticket", () => {
  test("a resolved ticket offers Draft an article, which opens the draft in the editor; an open one does not", async () => {
    const h = renderConsole({
      path: "/console/tickets/1000015",
      routes: ticketRoutes("1000015", ticketView({ status: "resolved" }), {
        "POST /kb/articles/from-ticket/1000015": () => ({ status: 201, body: detail({ id: 12, title: "Export fails", slug: "export-fails" }) }),
        "GET /kb/articles/12": () => ({ body: detail({ id: 12, title: "Export fails", slug: "export-fails" }) }),
      }),
    });
    fireEvent.click(await screen.findByRole("button", { name: "Draft an article" }));
    await screen.findByRole("heading", { level: 1, name: "Export fails" });
    expect(location.pathname).toBe("/console/articles/12");
    expect(h.requests("POST", "/kb/articles/from-ticket/1000015")).toHaveLength(1);
    cleanup();
    renderConsole({ path: "/console/tickets/1000015", routes: ticketRoutes("1000015", ticketView({ status: "open" })) });
    await screen.findByRole("heading", { level: 1 });
    expect(screen.queryByRole("button", { name: "Draft an article" })).toBeNull();
  });
});
