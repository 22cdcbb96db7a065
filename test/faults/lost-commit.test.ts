import { beforeAll, describe, expect, test } from "vitest";
import type { TcpRelay } from "../support/tcp-proxy";
import { adminHeaders, postJson, relayedApp, type TestApp } from "../support/test-app";
import { hasPostgres } from "../support/databases";
import { answerOf, errorOf } from "../support/answers";
import { ticketCreatedSchema } from "../../shared/api/tickets";

/**
 * The COMMIT reaches the database and commits, but its answer is lost with the connection. The
 * server cannot know which, so its 503 must not say that nothing was saved: it must send the
 * client back with the same Idempotency-Key, and that retry must find the one ticket.
 */
describe.runIf(hasPostgres)("a registration whose COMMIT reply is lost", () => {
  const relayed = relayedApp();
  let t: TestApp;
  let relay: TcpRelay;
  beforeAll(() => { ({ t, relay } = relayed); });

  test("answers 503 that asks for a retry with the same key, and the retry returns the saved ticket", async () => {
    const ticket = { email: "lost-reply@example.org", description: "Was this saved?" };
    const key = { "Idempotency-Key": "lost-reply-key-0001" };
    relay.cutReplyAfter("commit");
    const res = await postJson(t, "/api/v1/tickets", ticket, key);
    const body = await errorOf(res);
    expect(res.status).toBe(503);
    expect(res.headers.get("retry-after")).toBeTruthy();
    expect(body.error.code).toBe("UNAVAILABLE");
    expect(body.error.message).toMatch(/same Idempotency-Key/);
    expect(body.error.message).not.toMatch(/nothing was saved/i);

    const retry = await postJson(t, "/api/v1/tickets", ticket, key);
    expect(retry.status).toBe(201);
    expect(retry.headers.get("idempotent-replayed")).toBe("true");
    const queue = await t.app.request("/api/v1/queue?q=lost-reply%40example.org", { headers: adminHeaders });
    const listed = JSON.stringify(await queue.json());
    expect(listed.split((await answerOf(retry, ticketCreatedSchema)).tid).length - 1).toBe(1);
  });

  test("a failure before COMMIT still says that nothing was saved", async () => {
    relay.cutReplyAfter("insert into \"tickets\"");
    const res = await postJson(t, "/api/v1/tickets", { email: "early-cut@example.org", description: "Cut before commit" });
    const body = await errorOf(res);
    expect(res.status).toBe(503);
    expect(body.error.message).toMatch(/nothing was saved/);
  });
});
