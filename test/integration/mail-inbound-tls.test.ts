/**
 * Optional STARTTLS on the inbound port (SMTP_INBOUND_TLS_CERT/_KEY), for operators who expose it
 * without a relay in front: offered in EHLO, and a client that insists on TLS delivers through it.
 */
import { execFileSync } from "node:child_process";
import fs from "node:fs";
import net from "node:net";
import os from "node:os";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, test } from "vitest";
import nodemailer from "nodemailer";
import { startMailApp, type MailApp } from "../support/mail-app";

/** The EHLO answer of the listener, read over a raw socket. */
function ehlo(port: number): Promise<string> {
  return new Promise((resolve, reject) => {
    let got = "";
    const s = net.connect(port, "127.0.0.1");
    s.on("data", (d) => {
      got += d.toString();
      if (/^220 /m.test(got) && !got.includes("EHLO sent")) {
        got += "EHLO sent\n";
        s.write("EHLO client.test\r\n");
      }
      if (/^250 /m.test(got)) {
        s.end("QUIT\r\n");
        resolve(got);
      }
    });
    s.on("error", reject);
  });
}

describe("inbound STARTTLS", () => {
  let m: MailApp;
  let plain: MailApp;
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), "tidings-tls-"));

  beforeAll(async () => {
    execFileSync("openssl", ["req", "-x509", "-newkey", "rsa:2048", "-nodes", "-keyout", path.join(dir, "key.pem"), "-out", path.join(dir, "cert.pem"), "-days", "1", "-subj", "/CN=localhost"], { stdio: "ignore" });
    [m, plain] = await Promise.all([
      startMailApp("pglite", { SMTP_INBOUND_TLS_CERT: path.join(dir, "cert.pem"), SMTP_INBOUND_TLS_KEY: path.join(dir, "key.pem") }),
      startMailApp("pglite"),
    ]);
  });
  afterAll(async () => {
    await Promise.all([m?.close(), plain?.close()]);
    fs.rmSync(dir, { recursive: true, force: true });
  });

  test("offered when configured, with enhanced status codes; a client requiring TLS delivers and gets a ticket", async () => {
    const features = await ehlo(m.port);
    expect(features).toMatch(/^250[- ]STARTTLS/m);
    expect(features).toMatch(/^250[- ]ENHANCEDSTATUSCODES/m);
    const client = nodemailer.createTransport({ host: "127.0.0.1", port: m.port, secure: false, requireTLS: true, tls: { rejectUnauthorized: false } });
    try {
      const info = await client.sendMail({ from: "tls@kunde.example", to: "support@tidings.test", subject: "Over TLS", text: "x" });
      expect(info.response).toMatch(/^250 2\.\d\.0 Accepted: ticket TID#\d+/);
    } finally {
      client.close();
    }
  });

  test("not offered without a certificate (behind a relay that does TLS)", async () => {
    expect(await ehlo(plain.port)).not.toMatch(/STARTTLS/);
  });
});
