import { SMTPServer } from "smtp-server";
import { simpleParser, type ParsedMail } from "mailparser";
import type { AddressInfo } from "node:net";

/** A refusal the sink gives, written as Postfix writes it: the basic code and the rest of the line. */
export interface SinkReply { code: number; text: string }
export interface SinkOptions {
  /** Per recipient: a refusal at RCPT, or null to accept. */
  rcpt?: (address: string) => SinkReply | null;
  /** After DATA, by the accepted recipients: a refusal, or null to take the mail. */
  data?: (recipients: string[]) => SinkReply | null;
  /** Holds back each 250 after DATA this long (a distant relay). */
  delayMs?: number;
}

/**
 * A real SMTP server (smtp-server) that receives what Tidings sends, for tests. It can be stopped
 * and started again on the same port to play a mail server that is down, and answer per recipient
 * the way a relay refuses (test/integration/mail-delivery.test.ts). It keeps every session's
 * client commands, so a test can see what was said (EHLO, DATA, QUIT). `delayMs` holds back each
 * 250 after DATA, as a relay across the internet (or one that writes to disk first) does.
 */
export async function startSmtpSink(port = 0, opts: SinkOptions = {}) {
  const received: ParsedMail[] = [];
  const raw: string[] = [];
  const sessions = new Map<string, string[]>();
  const refusal = (r: SinkReply) => Object.assign(new Error(r.text), { responseCode: r.code });
  // smtp-server logs each client line as "C: …" with the session id; that is the only place it shows QUIT.
  const note = (meta: { cid?: string } | undefined, ...args: unknown[]) => {
    const line = args.map(String).join(" ");
    if (!meta?.cid || !/^C: /.test(line)) return;
    if (!sessions.has(meta.cid)) sessions.set(meta.cid, []);
    sessions.get(meta.cid)!.push(line.slice(3));
  };
  const silent = () => {};
  const logger = { info: note, debug: note, error: silent, warn: silent, trace: silent, fatal: silent, child() { return logger; } };
  let server: SMTPServer | null = null;
  const start = () =>
    new Promise<void>((resolve, reject) => {
      server = new SMTPServer({
        authOptional: true,
        disabledCommands: ["STARTTLS"],
        logger: logger as never,
        onRcptTo(address, _session, cb) {
          const r = opts.rcpt?.(address.address);
          cb(r ? refusal(r) : undefined);
        },
        onData(stream, _session, cb) {
          const chunks: Buffer[] = [];
          stream.on("data", (c: Buffer) => chunks.push(c));
          stream.on("end", () => {
            const r = opts.data?.(_session.envelope.rcptTo.map((a) => a.address));
            if (r) return cb(refusal(r));
            const buf = Buffer.concat(chunks);
            raw.push(buf.toString("utf8"));
            // A mail the parser cannot read is refused to the sender, not left an unhandled rejection.
            simpleParser(buf).then((mail) => {
              received.push(mail);
              if (opts.delayMs) setTimeout(() => cb(), opts.delayMs);
              else cb();
            }, (e: Error) => cb(e));
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
    /** The client commands of every session, in order of the sessions. */
    get sessions() { return [...sessions.values()]; },
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
