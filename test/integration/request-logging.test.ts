import { afterAll, beforeAll, describe, expect, test } from "vitest";
import { drivers } from "../support/databases";
import { staffSession } from "../support/sessions";
import { adminHeaders, postJson, startTestApp, type TestApp } from "../support/test-app";
import { answerOf } from "../support/answers";
import { siteCreatedSchema } from "../../shared/api/console-responses";

type Line = { msg?: string; requestId?: string; principal?: string; errorCode?: string; status?: number; path?: string; action?: string };

/** Issue 15: every line written while serving a request carries its id; the request line says who asked and the refusal's code. */
describe.each(drivers())("logging with the request's context on %s", (driver) => {
  let t: TestApp;
  beforeAll(async () => { t = await startTestApp(driver); });
  afterAll(async () => { await t?.close(); });

  const lines = (): Line[] => t.logs.flatMap((l) => l.split("\n")).filter(Boolean).map((l) => JSON.parse(l) as Line);
  const requestLine = (id: string) => lines().find((l) => l.msg === "request" && l.requestId === id);

  test("a service's line written during the request carries the request's id", async () => {
    const created = await postJson(t, "/api/v1/admin/sites", { name: "Shop", allowedOrigins: ["https://shop.example"] }, adminHeaders);
    const { siteKey } = await answerOf(created, siteCreatedSchema);
    const res = await t.app.request(`/api/v1/admin/sites/${siteKey}`, {
      method: "PATCH", headers: { ...adminHeaders, "Content-Type": "application/json", "X-Request-Id": "req-log-test-1" }, body: JSON.stringify({ name: "Shop 2" }),
    });
    expect(res.status).toBe(200);
    const changed = lines().find((l) => l.action === "site-updated");
    expect(changed?.requestId).toBe("req-log-test-1");
    expect(requestLine("req-log-test-1")).toMatchObject({ principal: "admin-token", status: 200 });
    expect(requestLine("req-log-test-1")).not.toHaveProperty("errorCode");
  });

  test("the request line names the principal's kind and role, and the error code of a refusal", async () => {
    const agent = await staffSession(t, "agent@support.example", "agent");
    const denied = await t.app.request("/api/v1/admin/sites", { headers: { ...agent.headers, "X-Request-Id": "req-log-test-2" } });
    expect(denied.status).toBe(403);
    expect(requestLine("req-log-test-2")).toMatchObject({ principal: "staff:agent", errorCode: "FORBIDDEN", status: 403 });
    const bad = await postJson(t, "/api/v1/tickets", { email: "not-an-address", description: "x" }, { "X-Request-Id": "req-log-test-3" });
    expect(bad.status).toBe(422);
    expect(requestLine("req-log-test-3")).toMatchObject({ principal: "anonymous", errorCode: "VALIDATION_FAILED" });
  });

  test("lines written outside any request carry no request id", () => {
    t.deps.log.info({ action: "outside" }, "not in a request");
    expect(lines().find((l) => l.action === "outside")).not.toHaveProperty("requestId");
  });
});
