import { SMTPServer } from "smtp-server";
import { simpleParser, type ParsedMail } from "mailparser";
import type { AddressInfo } from "node:net";

/**
 * A real SMTP server (smtp-server) that receives what Tidings sends, for tests. It can be stopped
 * and started again on the same port to play a mail server that is down. `delayMs` holds back
 * each 250 after DATA, as a relay across the internet (or one that writes to disk first) does.
 */
export async function startSmtpSink(port = 0, opts: { delayMs?: number } = {}) {
  const received: ParsedMail[] = [];
  const raw: string[] = [];
  let server: SMTPServer | null = null;
  const start = () =>
    new Promise<void>((resolve, reject) => {
      server = new SMTPServer({
        authOptional: true,
        disabledCommands: ["STARTTLS"],
        logger: false,
        onData(stream, _session, cb) {
          const chunks: Buffer[] = [];
          stream.on("data", (c: Buffer) => chunks.push(c));
          stream.on("end", async () => {
            const buf = Buffer.concat(chunks);
            raw.push(buf.toString("utf8"));
            received.push(await simpleParser(buf));
            if (opts.delayMs) setTimeout(() => cb(), opts.delayMs);
            else cb();
          });
        },
      });
      server.server.once("error", reject);
      server.listen(port, "127.0.0.1", () => {
        port = (server!.server.address() as AddressInfo).port;
        resolve();
      });
    });
  await start();
  return {
    received,
    raw,
    get port() { return port; },
    get url() { return `smtp://127.0.0.1:${port}`; },
    async stop() {
      const s = server;
      server = null;
      if (s) await new Promise<void>((r) => s.close(() => r()));
    },
    start,
    /** Resolves once `predicate` holds for the received mail, or rejects after `ms`. */
    async waitFor(predicate: (mails: ParsedMail[]) => boolean, ms = 10_000) {
      const deadline = Date.now() + ms;
      while (!predicate(received)) {
        if (Date.now() > deadline) throw new Error(`timed out waiting for mail; ${received.length} received: ${received.map((m) => m.subject).join(" | ")}`);
        await new Promise((r) => setTimeout(r, 50));
      }
      return received;
    },
  };
}
export type SmtpSink = Awaited<ReturnType<typeof startSmtpSink>>;
