/**
 * Issue 11, acceptance 5: slow SMTP clients do not shut others out. 150 connections from one
 * address trickle a byte every 1.5 s for 30 s (each byte resets an idle timeout, so only the
 * per-address cap holds them back) while normal mail from another address is sent; every normal
 * mail is accepted, promptly. Linux routes all of 127.0.0.0/8 to loopback: the slow clients bind
 * 127.0.0.2 and the normal mail comes from 127.0.0.1, so the test is honest about addresses
 * without leaving this machine. The database plays no part, so PGlite alone.
 */
import net from "node:net";
import { afterAll, beforeAll, describe, expect, test } from "vitest";
import { startMailApp, type MailApp } from "../support/mail-app";

const SLOW = 150;
const SLOW_FOR_MS = 30_000;
const TRICKLE_MS = 1500;
const IDLE_TIMEOUT_MS = 4000;
const PER_ADDRESS = 50;

interface SlowClient { socket: net.Socket; first: Promise<string>; closed: boolean }

/** Connects from `localAddress` and resolves `first` with the server's first reply line. */
function connect(port: number, localAddress: string): SlowClient {
  const socket = net.connect({ port, host: "127.0.0.1", localAddress });
  const c: SlowClient = { socket, first: Promise.resolve(""), closed: false };
  c.first = new Promise((resolve) => {
    let text = "";
    socket.on("data", (b) => {
      text += b.toString("latin1");
      if (text.includes("\n")) resolve(text.split("\r\n")[0]!);
    });
    socket.on("close", () => { c.closed = true; resolve(text.split("\r\n")[0]!); });
    socket.on("error", () => {});
  });
  return c;
}

describe("slow SMTP clients from one address leave room for others (loopback)", () => {
  let m: MailApp;
  beforeAll(async () => {
    m = await startMailApp("pglite", { SMTP_INBOUND_IDLE_TIMEOUT_MS: String(IDLE_TIMEOUT_MS), SMTP_INBOUND_MAX_PER_ADDRESS: String(PER_ADDRESS) });
  });
  afterAll(async () => { await m?.close(); });

  test(`${SLOW} clients trickling one byte every ${TRICKLE_MS / 1000} s for ${SLOW_FOR_MS / 1000} s: normal mail is accepted throughout`, async () => {
    const slow = Array.from({ length: SLOW }, () => connect(m.port, "127.0.0.2"));
    const line = `EHLO ${"slow".repeat(20)}.example\r\n`; // longer than the trickle lasts
    let sent = 0;
    const trickle = setInterval(() => {
      const ch = line[sent++ % line.length]!;
      for (const c of slow) if (!c.closed) c.socket.write(ch);
    }, TRICKLE_MS);
    const firsts = await Promise.all(slow.map((c) => c.first));
    const greeted = firsts.filter((l) => l.startsWith("220")).length;
    const refused = firsts.filter((l) => l.startsWith("421")).length;

    const started = Date.now();
    const normal: { at: number; ms: number; response: string }[] = [];
    try {
      for (let i = 0; Date.now() - started < SLOW_FOR_MS - 2000; i++) {
        const t0 = Date.now();
        const info = await m.send({ from: `normal${i}@kunde.example`, subject: `During the trickle ${i}`, text: "A normal mail." });
        normal.push({ at: t0 - started, ms: Date.now() - t0, response: info.response });
        await new Promise((r) => setTimeout(r, 3000));
      }
      // The slow clients are still there, trickling: the cap, not a timeout, made the room.
      expect(slow.filter((c) => !c.closed).length).toBe(greeted);
    } finally {
      clearInterval(trickle);
      for (const c of slow) c.socket.destroy();
    }

    expect(greeted).toBe(PER_ADDRESS);
    expect(refused).toBe(SLOW - PER_ADDRESS);
    expect(firsts.find((l) => l.startsWith("421"))).toMatch(/421 4\.7\.0 Too many connections from your address/);
    expect(normal.length).toBeGreaterThanOrEqual(5);
    for (const n of normal) {
      expect(n.response).toMatch(/^250 .*Accepted: ticket TID#\d+/);
      expect(n.ms, `normal mail at ${n.at} ms took ${n.ms} ms`).toBeLessThan(5000);
    }
  }, SLOW_FOR_MS + 30_000);

  test("a client that sends nothing is dropped after the idle timeout", async () => {
    const c = connect(m.port, "127.0.0.3");
    expect(await c.first).toMatch(/^220 /);
    const t0 = Date.now();
    const bye = await new Promise<string>((resolve) => c.socket.once("data", (b) => resolve(b.toString("latin1"))));
    expect(bye).toMatch(/^421 .*Timeout/);
    await new Promise((r) => (c.closed ? r(null) : c.socket.once("close", r)));
    expect(Date.now() - t0).toBeGreaterThanOrEqual(IDLE_TIMEOUT_MS - 500);
    expect(Date.now() - t0).toBeLessThan(IDLE_TIMEOUT_MS + 3000);
  }, 20_000);
});
