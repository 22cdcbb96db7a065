import nodemailer, { type Transport, type Transporter } from "nodemailer";
import type MailMessage from "nodemailer/lib/mailer/mail-message";
import SMTPConnection from "nodemailer/lib/smtp-connection";
import { parseConnectionUrl } from "nodemailer/lib/shared";

export interface OutboundOptions {
  /** SMTP_URL: smtp://user:pass@host:port or smtps://… (nodemailer's URL form). */
  url: string;
  /** The EHLO name (SMTP_EHLO_NAME, default PUBLIC_URL's host), instead of nodemailer's `[127.0.0.1]`. */
  name: string;
}

/** A session that delivered stays open this long for the next mail, then ends with QUIT. */
const IDLE_MS = 2_000;
/** Mails per session before it ends and a fresh one is opened (nodemailer's pool does the same). */
const MAX_MAILS = 100;

interface Session { conn: SMTPConnection; mails: number; timer?: ReturnType<typeof setTimeout> }

/**
 * SMTP sessions built on nodemailer's SMTPConnection, several at once (one per caller in flight).
 * nodemailer's own transports pipeline DATA with the envelope (RFC 2920) and drop the socket
 * without QUIT after a refusal; a relay logs that as a lost connection and sees a DATA it must
 * refuse. Here PIPELINING is left unused, so DATA is sent only when a recipient was accepted (one
 * recipient per outbox row: one round trip more per mail), and a session that was refused, or has
 * nothing more to send, ends with QUIT. A session whose mail went through is kept for the next mail
 * (a finished transaction needs no RSET), so a burst does not pay a connection and EHLO per mail.
 * test/integration/mail-delivery.test.ts checks both against a real SMTP server.
 */
export function createOutboundTransport(o: OutboundOptions): Transporter {
  const base: SMTPConnection.Options = {
    ...parseConnectionUrl(o.url),
    name: o.name,
    connectionTimeout: 10_000,
    greetingTimeout: 10_000,
    socketTimeout: 30_000,
  };
  const auth = (base as { auth?: SMTPConnection.Credentials }).auth;
  const idle: Session[] = [];
  const live = new Set<Session>();

  const end = (s: Session, polite: boolean) => {
    clearTimeout(s.timer);
    live.delete(s);
    const at = idle.indexOf(s);
    if (at >= 0) idle.splice(at, 1);
    if (polite) s.conn.quit();
    else s.conn.close();
  };
  const open = () => openSession(base, auth, end, live);
  const take = async (): Promise<Session> => {
    const s = idle.pop();
    if (s) {
      clearTimeout(s.timer);
      return s;
    }
    return open();
  };
  const release = (s: Session) => {
    if (!live.has(s)) return;
    if (s.mails >= MAX_MAILS) return end(s, true);
    s.timer = setTimeout(() => end(s, true), IDLE_MS);
    s.timer.unref?.();
    idle.push(s);
  };

  const transport: Transport & { close(): void } = {
    name: "tidings-smtp",
    version: "1",
    send(mail: MailMessage, callback) {
      const envelope = mail.message.getEnvelope();
      const messageId = mail.message.messageId();
      take().then((s) => {
        let done = false;
        const finish = (err: Error | null, info?: SMTPConnection.SentMessageInfo) => {
          if (done) return;
          done = true;
          s.conn.off("end", lost);
          callback(err, { envelope, messageId, ...info });
        };
        const lost = () => finish(new Error("Connection closed"));
        s.conn.once("end", lost);
        s.mails++;
        s.conn.send(envelope, mail.message.createReadStream(), (err, info) => {
          if (!err) {
            release(s);
            return finish(null, info);
          }
          // A refusal leaves the session usable: end it politely. A broken one is closed.
          end(s, typeof err.responseCode === "number");
          finish(err);
        });
      }, (err: Error) => callback(err, { envelope, messageId }));
    },
    close() {
      for (const s of [...live]) end(s, true);
    },
  };
  return nodemailer.createTransport(transport);
}

/**
 * A new session, signed in when the URL names a user; `end` closes it when the connection fails or
 * ends, and a usable one joins `live`.
 */
function openSession(
  base: SMTPConnection.Options, auth: SMTPConnection.Credentials | undefined, end: (s: Session, polite: boolean) => void, live: Set<Session>,
): Promise<Session> {
  return new Promise((resolve, reject) => {
    const conn = new SMTPConnection(base);
    const s: Session = { conn, mails: 0 };
    let ready = false;
    conn.on("error", (err: Error) => {
      end(s, false);
      if (!ready) reject(err);
    });
    conn.once("end", () => end(s, false));
    const usable = () => {
      // See above: without PIPELINING nodemailer waits for the RCPT replies and sends no DATA when all were refused.
      const c = conn as unknown as { _supportedExtensions: string[] };
      c._supportedExtensions = c._supportedExtensions.filter((x) => x !== "PIPELINING");
      ready = true;
      live.add(s);
      resolve(s);
    };
    conn.connect((err) => {
      if (err) {
        conn.close();
        return reject(err);
      }
      if (!auth?.user) return usable();
      conn.login(auth, (loginErr) => {
        if (!loginErr) return usable();
        conn.quit();
        reject(loginErr);
      });
    });
  });
}
