import net from "node:net";
import { afterAll, beforeAll, describe, expect, test } from "vitest";
import { NO_REPLY, replyWatchdog } from "../../server/db/reply-watchdog";

const startup = () => Buffer.from([0, 0, 0, 8, 0, 3, 0, 0]);
const ready = () => Buffer.from([0x5a, 0, 0, 0, 5, 0x49]);
const query = (sql: string) => {
  const body = Buffer.from(`${sql}\0`);
  const head = Buffer.alloc(5);
  head[0] = 0x51;
  head.writeUInt32BE(body.length + 4, 1);
  return Buffer.concat([head, body]);
};
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

/**
 * A Postgres stand-in over real sockets: it answers the startup at once, and a query as the
 * test says (never, or slowly). The watchdog must cut only the connection that waits in silence.
 */
describe("the reply watchdog", () => {
  let server: net.Server;
  let port = 0;
  let onQuery: (s: net.Socket) => void = () => {};
  beforeAll(async () => {
    server = net.createServer((s) => {
      let started = false;
      s.on("data", () => {
        if (!started) {
          started = true;
          s.write(ready());
        } else onQuery(s);
      });
      s.on("error", () => {});
    });
    await new Promise<void>((r) => server.listen(0, "127.0.0.1", r));
    port = (server.address() as net.AddressInfo).port;
  });
  afterAll(() => new Promise<void>((r) => server.close(() => r())));

  const connect = async (ms: number) => {
    const socket = replyWatchdog(ms, { host: ["127.0.0.1"], port: [port] })!({ host: ["127.0.0.1"], port: [port] });
    const closed = new Promise<{ err?: NodeJS.ErrnoException; at: number }>((resolve) => {
      let err: NodeJS.ErrnoException | undefined;
      socket.on("error", (e) => (err = e));
      socket.on("close", () => resolve({ err, at: Date.now() }));
    });
    const gotReady = new Promise((r) => socket.once("data", r));
    socket.write(startup());
    await gotReady;
    return { socket, closed };
  };

  test("cuts a connection whose query gets no answer, with the code that means 'unavailable'", async () => {
    onQuery = () => {};
    const { socket, closed } = await connect(200);
    const sent = Date.now();
    socket.write(query("select 1"));
    const { err, at } = await closed;
    expect(err?.code).toBe(NO_REPLY);
    expect(at - sent).toBeGreaterThanOrEqual(190);
    expect(at - sent).toBeLessThan(1500);
  });

  test("leaves an idle connection and a slow but talking server alone", async () => {
    onQuery = (s) => {
      // Row data in pieces, 100 ms apart, for 600 ms: three times the watchdog's 200 ms.
      const row = Buffer.from([0x44, 0, 0, 0, 6, 0, 0]);
      let n = 0;
      const tick = setInterval(() => {
        if (++n < 6) s.write(row);
        else {
          clearInterval(tick);
          s.write(Buffer.concat([Buffer.from([0x43, 0, 0, 0, 4]), ready()]));
        }
      }, 100);
    };
    const { socket, closed } = await connect(200);
    let isClosed = false;
    void closed.then(() => (isClosed = true));
    await sleep(500);
    expect(isClosed).toBe(false);
    const done = new Promise<void>((r) => socket.on("data", (d: Buffer) => { if (d.includes(0x5a)) r(); }));
    socket.write(query("select pg_sleep(0.6)"));
    await done;
    await sleep(400);
    expect(isClosed).toBe(false);
    socket.destroy();
  });

  test("is not used where it cannot read the bytes (TLS, several hosts)", () => {
    expect(replyWatchdog(200, { host: ["db"], port: [5432], ssl: "require" })).toBeUndefined();
    expect(replyWatchdog(200, { host: ["a", "b"], port: [5432, 5432] })).toBeUndefined();
  });
});
