// @vitest-environment happy-dom
import { afterEach, describe, expect, test } from "vitest";
import { cleanup, fireEvent, screen, waitFor } from "@testing-library/preact";
import { renderConsole, staff, ticketRoutes, ticketView } from "./console-harness";
import { setCalendarZone } from "../../web/shared/calendar-zone";

afterEach(() => {
  cleanup();
  setCalendarZone(undefined);
  document.body.innerHTML = "";
  history.replaceState(null, "", "/");
});

/** Issue 13: after a hand-over the service-level box shows the 14-day due time and the hand-over as the clock's start. */
describe("the service-level box after a hand-over to development", () => {
  test("an answered ticket handed over runs a 14-day clock from the hand-over", async () => {
    setCalendarZone("Europe/Berlin");
    const answered = { firstResponseAt: "2026-12-07T09:00:00.000Z", answeredAt: "2026-12-07T09:00:00.000Z" };
    let view = ticketView(answered);
    renderConsole({
      path: "/console/tickets/1000015",
      routes: ticketRoutes("1000015", view, {
        "GET /tickets/1000015": () => ({ body: view }),
        "POST /tickets/1000015/level": () => {
          view = ticketView({
            ...answered, answeredAt: null, slaLevel: "development", status: "in-development", slaStartedAt: "2026-12-07T10:00:00.000Z",
            responseTargetAt: "2026-12-21T10:00:00.000Z", responseDueAt: "2026-12-21T10:00:00.000Z",
          });
          return { body: { slaLevel: "development", status: "in-development", responseDueAt: "2026-12-21T10:00:00.000Z" } };
        },
      }),
    });
    await screen.findByRole("heading", { level: 2, name: "Actions" });
    expect(screen.getByTestId("sla-due").textContent).toMatch(/^✓ Answered/);
    fireEvent.change(screen.getByLabelText("New level"), { target: { value: "development" } });
    fireEvent.input(screen.getByLabelText("Reason"), { target: { value: "Needs a fix in the core" } });
    fireEvent.click(screen.getByRole("button", { name: "Change level" }));
    await waitFor(() => expect(screen.getByTestId("sla-due").textContent).toBe("21 Dec 2026, 11:00 CET (in 14 d)"));
    expect(screen.getByTestId("sla-started").textContent).toBe("7 Dec 2026, 11:00 CET");
    expect(screen.getByTestId("sla-started").querySelector("time")!.getAttribute("datetime")).toBe("2026-12-07T10:00:00.000Z");
  });

  const nonCommercial = (role: "agent" | "supervisor") => {
    const view = ticketView({ slaLevel: "non-commercial-cloud" });
    return renderConsole({
      path: "/console/tickets/1000015",
      routes: ticketRoutes("1000015", view, {
        "GET /auth/me": () => ({ body: staff(role) }),
        "GET /tickets/1000015/sla": () => ({ body: { level: "non-commercial-cloud", targetAt: null, dueAt: null, trace: [], developmentHandOver: "n/a" } }),
        "POST /tickets/1000015/level": () => ({ body: { slaLevel: "development", status: "in-development", responseDueAt: "2026-12-21T10:00:00.000Z" } }),
      }),
    });
  };

  test("SLA 2.6: for a non-commercial client an agent is told hand-over is n/a and cannot send it", async () => {
    const h = nonCommercial("agent");
    await screen.findByRole("heading", { level: 2, name: "Actions" });
    fireEvent.change(screen.getByLabelText("New level"), { target: { value: "development" } });
    expect(screen.getByText(/is for partners and commercial clients \(SLA 2\.6\).*Only a supervisor or an admin/)).toBeTruthy();
    expect(screen.queryByLabelText(/Hand over anyway/)).toBeNull();
    expect(screen.getByRole<HTMLButtonElement>("button", { name: "Change level" }).disabled).toBe(true);
    expect(h.requests("POST", "/tickets/1000015/level")).toHaveLength(0);
  });

  test("a supervisor overrides with a reason; the request says so", async () => {
    const h = nonCommercial("supervisor");
    await screen.findByRole("heading", { level: 2, name: "Actions" });
    fireEvent.change(screen.getByLabelText("New level"), { target: { value: "development" } });
    const send = screen.getByRole<HTMLButtonElement>("button", { name: "Change level" });
    expect(send.disabled).toBe(true);
    fireEvent.click(screen.getByLabelText(/Hand over anyway/));
    fireEvent.input(screen.getByLabelText("Reason"), { target: { value: "Data loss for many clients" } });
    expect(send.disabled).toBe(false);
    fireEvent.click(send);
    await waitFor(() => expect(h.requests("POST", "/tickets/1000015/level")).toHaveLength(1));
    expect(h.requests("POST", "/tickets/1000015/level")[0]!.body).toEqual({ level: "development", reason: "Data loss for many clients", override: true });
  });
});
