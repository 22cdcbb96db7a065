import { test } from "vitest";
import { startTestApp } from "../support/test-app";
test("routes", async () => {
  const t = await startTestApp("pglite");
  console.log(t.app.routes.filter((r) => r.method !== "ALL" && /reports|canned|supervisor|admin\/(staff|licenses|sites|outbox)/.test(r.path)).map((r) => `${r.method} ${r.path}`).join("\n"));
  await t.close();
});
