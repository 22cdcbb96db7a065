import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { afterAll, expect, test } from "vitest";
import { isValidTid } from "../../shared/tid";
import { startServerProcess } from "../support/server-process";
import { answerOf } from "../support/answers";
import { ticketCreatedSchema } from "../../shared/api/tickets";
import { ticketViewSchema } from "../../shared/api/ticket-view";

const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), "tidings-restart-"));
afterAll(() => fs.rmSync(dataDir, { recursive: true, force: true }));

test("the real server on its embedded database keeps a ticket across a restart", async () => {
  const env = { DATA_DIR: dataDir, TIDINGS_ADMIN_TOKEN: "restart-admin-token-123456" };
  const first = await startServerProcess(env);
  const res = await fetch(`${first.url}/api/v1/tickets`, {
    method: "POST",
    headers: { "Content-Type": "application/json" },
    body: JSON.stringify({ email: "restart@example.org", description: "Survives a restart?" }),
  });
  expect(res.status).toBe(201);
  const { tid } = await answerOf(res, ticketCreatedSchema);
  expect(isValidTid(tid)).toBe(true);
  expect(await first.stop("SIGTERM")).toBe(0);

  const second = await startServerProcess(env);
  try {
    const got = await fetch(`${second.url}/api/v1/tickets/${tid}`, { headers: { Authorization: `Bearer ${env.TIDINGS_ADMIN_TOKEN}` } });
    expect(got.status).toBe(200);
    expect((await answerOf(got, ticketViewSchema)).description).toBe("Survives a restart?");
    const next = await fetch(`${second.url}/api/v1/tickets`, {
      method: "POST",
      headers: { "Content-Type": "application/json" },
      body: JSON.stringify({ email: "restart@example.org", description: "A second one" }),
    });
    expect((await answerOf(next, ticketCreatedSchema)).tid).not.toBe(tid);
  } finally {
    await second.stop();
  }
});
