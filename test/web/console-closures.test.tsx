// @vitest-environment happy-dom
/**
 * The console's Closures page (admin) against a scripted API: what an admin sees on the calendar's
 * wall clock (Europe/Berlin, whatever zone the test runs in) and which instants the page sends,
 * in winter (+01:00) and in summer (+02:00). test/e2e/console.test.ts adds one in a real browser.
 */
import { afterEach, describe, expect, test } from "vitest";
import { cleanup, fireEvent, screen, waitFor, within } from "@testing-library/preact";
import { parseRoute } from "../../web/console/routes";
import { renderConsole, staff, type Reply, type Seen } from "./console-harness";

afterEach(() => {
  cleanup();
  document.body.innerHTML = "";
  history.replaceState(null, "", "/");
});

interface Closure { id: number; name: string; startsAt: string; endsAt: string }

/** Monday 7 December 2026 09:00–13:00 in Berlin: running at the harness's NOW (11:00 in Berlin). */
const TEAM_DAY: Closure = { id: 3, name: "Team day", startsAt: "2026-12-07T08:00:00.000Z", endsAt: "2026-12-07T12:00:00.000Z" };
/** 24 December 00:00 to 1 January 00:00 in Berlin (winter, +01:00). */
const CHRISTMAS: Closure = { id: 7, name: "Christmas closure", startsAt: "2026-12-23T23:00:00.000Z", endsAt: "2026-12-31T23:00:00.000Z" };
/** Friday 3 July 2026 13:00–18:00 in Berlin (summer, +02:00), over. */
const OFFICE_MOVE: Closure = { id: 2, name: "Office move", startsAt: "2026-07-03T11:00:00.000Z", endsAt: "2026-07-03T16:00:00.000Z" };

/** A closures API that keeps what it is given, like the server's (soonest first; past not kept). */
function closuresServer(initial: { closures: Closure[]; past: Closure[] }, extra: Record<string, (req: Seen) => Reply> = {}) {
  let closures = [...initial.closures];
  let nextId = 20;
  return {
    "GET /auth/me": () => ({ body: staff("admin") }),
    "GET /admin/closures": () => ({ body: { timeZone: "Europe/Berlin", closures, past: initial.past } }),
    "POST /admin/closures": (req: Seen) => {
      const b = req.body as { name: string; startsAt: string; endsAt: string };
      const created = { id: nextId++, name: b.name, startsAt: new Date(b.startsAt).toISOString(), endsAt: new Date(b.endsAt).toISOString() };
      closures = [...closures, created].sort((a, c) => a.startsAt.localeCompare(c.startsAt));
      return { status: 201, body: created };
    },
    "DELETE /admin/closures/7": () => {
      closures = closures.filter((c) => c.id !== 7);
      return { body: CHRISTMAS };
    },
    ...extra,
  };
}

const fill = (label: string, value: string) => fireEvent.input(screen.getByLabelText(label), { target: { value } });
const fillClosure = (name: string, start: [string, string], end: [string, string]) => {
  fill("Name", name);
  fill("Start date", start[0]);
  fill("Start time", start[1]);
  fill("End date", end[0]);
  fill("End time", end[1]);
};
const submit = () => fireEvent.click(screen.getByRole("button", { name: "Add closure" }));
const rowTexts = (heading: string) => {
  const section = screen.getByRole("region", { name: heading });
  return within(section).queryAllByRole("row").slice(1).map((tr) => [...tr.querySelectorAll("th, td")].slice(0, 3).map((c) => c.textContent));
};

describe("the closures page", () => {
  test("lists the running, upcoming and past closures on the calendar's clock; the nav leads there", async () => {
    renderConsole({ path: "/console/admin/closures", routes: closuresServer({ closures: [TEAM_DAY, CHRISTMAS], past: [OFFICE_MOVE] }) });
    await screen.findByRole("heading", { level: 1, name: "Closures" });
    await screen.findByText("Christmas closure");
    expect(document.title).toMatch(/^Closures · /);
    expect(rowTexts("Now and upcoming")).toEqual([
      ["In effect nowTeam day", "Mon, 7 Dec 2026, 09:00", "Mon, 7 Dec 2026, 13:00"],
      ["Christmas closure", "Thu, 24 Dec 2026, 00:00", "Fri, 1 Jan 2027, 00:00"],
    ]);
    expect(rowTexts("Past")).toEqual([["Office move", "Fri, 3 Jul 2026, 13:00", "Fri, 3 Jul 2026, 18:00"]]);
    expect(screen.getByText("Dates and times are on the calendar's clock (Europe/Berlin).")).toBeTruthy();
    expect(screen.getByText("Thu, 24 Dec 2026, 00:00").getAttribute("datetime")).toBe(CHRISTMAS.startsAt);
    const nav = screen.getByRole("navigation", { name: "Console" });
    expect(within(nav).getByRole("link", { name: "Closures" }).getAttribute("aria-current")).toBe("page");
    expect(within(nav).getByRole("link", { name: "Closures" }).getAttribute("href")).toBe("/console/admin/closures");
    expect(parseRoute("/console/admin/closures", "")).toEqual({ name: "admin", page: "closures" });
    // Every field has its label, and the times say which zone they are in.
    for (const label of ["Name", "Start date", "Start time", "End date", "End time"]) expect(screen.getByLabelText(label)).toBeTruthy();
    expect(screen.getByLabelText("Start time").getAttribute("type")).toBe("time");
    expect(document.getElementById(screen.getByLabelText("End date").getAttribute("aria-describedby")!)!.textContent).toContain("In Europe/Berlin");
  });

  test("with no closures it says so, in German too", async () => {
    renderConsole({ path: "/console/admin/closures", lang: "de", routes: closuresServer({ closures: [], past: [] }) });
    await screen.findByRole("heading", { level: 1, name: "Schließungen" });
    expect(await screen.findByText("Keine Schließung geplant. Fügen Sie eine mit dem Formular hinzu.")).toBeTruthy();
    expect(screen.getByText("Noch ist keine Schließung vorbei.")).toBeTruthy();
    expect(screen.queryAllByRole("table")).toHaveLength(0);
    expect(screen.getByLabelText("Startdatum")).toBeTruthy();
    expect(screen.getByRole("button", { name: "Schließung hinzufügen" })).toBeTruthy();
  });

  test("an agent has no closures page", async () => {
    renderConsole({ path: "/console/admin/closures", routes: { "GET /auth/me": () => ({ body: staff("agent") }) } });
    await screen.findByRole("heading", { level: 1, name: "Not for your role" });
    expect(screen.queryByRole("link", { name: "Closures" })).toBeNull();
  });

  test("adding sends the Berlin wall clock as instants: +01:00 in winter, +02:00 in summer, and across the change", async () => {
    const h = renderConsole({ path: "/console/admin/closures", routes: closuresServer({ closures: [], past: [] }) });
    await screen.findByText("No closure is planned. Add one with the form.");

    fillClosure("Christmas closure", ["2026-12-24", "00:00"], ["2027-01-01", "00:00"]);
    submit();
    await screen.findByText("Christmas closure added: Thu, 24 Dec 2026, 00:00 to Fri, 1 Jan 2027, 00:00.");
    await waitFor(() => expect(rowTexts("Now and upcoming")).toEqual([["Christmas closure", "Thu, 24 Dec 2026, 00:00", "Fri, 1 Jan 2027, 00:00"]]));
    expect(screen.getByLabelText<HTMLInputElement>("Name").value).toBe("");

    fillClosure("Office move", ["2027-07-02", "13:00"], ["2027-07-02", "18:00"]);
    submit();
    await screen.findByText("Office move added: Fri, 2 Jul 2027, 13:00 to Fri, 2 Jul 2027, 18:00.");

    // Clocks go forward at 02:00 on 28 March 2027: the start is +01:00, the end +02:00.
    fillClosure("Easter", ["2027-03-26", "13:00"], ["2027-03-29", "09:00"]);
    submit();
    await screen.findByText("Easter added: Fri, 26 Mar 2027, 13:00 to Mon, 29 Mar 2027, 09:00.");

    const sent = h.requests("POST", "/admin/closures");
    expect(sent.map((s) => s.body)).toEqual([
      { name: "Christmas closure", startsAt: "2026-12-23T23:00:00.000Z", endsAt: "2026-12-31T23:00:00.000Z" },
      { name: "Office move", startsAt: "2027-07-02T11:00:00.000Z", endsAt: "2027-07-02T16:00:00.000Z" },
      { name: "Easter", startsAt: "2027-03-26T12:00:00.000Z", endsAt: "2027-03-29T07:00:00.000Z" },
    ]);
    expect(sent.every((s) => s.headers["x-csrf-token"] === "csrf-1")).toBe(true);
  });

  test("an end before the start is refused on the page; what the server refuses is said in its words", async () => {
    const h = renderConsole({
      path: "/console/admin/closures",
      routes: closuresServer({ closures: [], past: [] }, {
        "POST /admin/closures": () => ({
          status: 422,
          body: { error: { code: "VALIDATION_FAILED", message: 'The field "endsAt" must be at most 31 days after startsAt.', field: "endsAt", requestId: "r" } },
        }),
      }),
    });
    await screen.findByText("No closure is planned. Add one with the form.");
    submit();
    expect((await screen.findByRole("alert")).textContent).toBe("Please name the closure.");
    expect(screen.getByLabelText("Name").getAttribute("aria-invalid")).toBe("true");

    fillClosure("Office move", ["2026-12-11", "18:00"], ["2026-12-11", "13:00"]);
    submit();
    await waitFor(() => expect(screen.getByRole("alert").textContent).toBe("The end must be after the start."));
    await waitFor(() => expect(document.activeElement).toBe(screen.getByRole("alert")));
    expect(screen.getByLabelText("End date").getAttribute("aria-invalid")).toBe("true");
    expect(screen.getByLabelText("End time").getAttribute("aria-invalid")).toBe("true");
    expect(screen.getByLabelText("Name").getAttribute("aria-invalid")).toBeNull();

    // The same refusal again is a new alert, so it is read again.
    const first = screen.getByRole("alert");
    fill("End time", "18:00");
    submit();
    await waitFor(() => expect(screen.getByRole("alert")).not.toBe(first));
    expect(screen.getByRole("alert").textContent).toBe("The end must be after the start.");
    expect(h.requests("POST", "/admin/closures")).toHaveLength(0);

    fill("End date", "2027-02-11");
    submit();
    await waitFor(() => expect(screen.getByRole("alert").textContent).toBe('Please check your input. The field "endsAt" must be at most 31 days after startsAt.'));
    expect(h.requests("POST", "/admin/closures")).toHaveLength(1);
    expect(screen.getByLabelText("End date").getAttribute("aria-invalid")).toBe("true");
    expect(screen.getByLabelText("Start date").getAttribute("aria-invalid")).toBeNull();
  });

  test("removing asks first: Cancel keeps the closure, confirming removes it and says so", async () => {
    const h = renderConsole({ path: "/console/admin/closures", routes: closuresServer({ closures: [TEAM_DAY, CHRISTMAS], past: [] }) });
    const remove = await screen.findByRole("button", { name: "Remove Christmas closure, Thu, 24 Dec 2026, 00:00" });
    remove.focus();
    fireEvent.click(remove);
    const dialog = await screen.findByRole("alertdialog", { name: "Remove this closure?" });
    expect(dialog.textContent).toContain("Christmas closure, Thu, 24 Dec 2026, 00:00 to Fri, 1 Jan 2027, 00:00. Response times that are running are recalculated without it.");
    // The safe choice has the focus.
    expect(document.activeElement).toBe(within(dialog).getByRole("button", { name: "Cancel" }));
    fireEvent.click(within(dialog).getByRole("button", { name: "Cancel" }));
    expect(screen.queryByRole("alertdialog")).toBeNull();
    expect(document.activeElement).toBe(remove);
    expect(h.requests("DELETE", "/admin/closures")).toHaveLength(0);

    fireEvent.click(remove);
    fireEvent.click(within(await screen.findByRole("alertdialog")).getByRole("button", { name: "Remove closure" }));
    await screen.findByText("Christmas closure removed.");
    await waitFor(() => expect(rowTexts("Now and upcoming").map((r) => r[0])).toEqual(["In effect nowTeam day"]));
    expect(h.requests("DELETE", "/admin/closures").map((s) => [s.path, s.headers["x-csrf-token"]])).toEqual([["/admin/closures/7", "csrf-1"]]);
    expect(document.activeElement).toBe(screen.getByRole("heading", { level: 2, name: "Now and upcoming" }));
  });
});
