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

/**
 * One SMTP session per mail, ended with QUIT whatever the server answered, built on nodemailer's
 * SMTPConnection. nodemailer's own transports pipeline DATA with the envelope (RFC 2920) and drop
 * the socket without QUIT after a refusal; a relay logs that as a lost connection and sees a DATA
 * it must refuse. Here PIPELINING is left unused, so DATA is sent only when a recipient was
 * accepted (one recipient per outbox row: one round trip more per mail), and every session ends
 * with QUIT. test/integration/mail-delivery.test.ts checks both against a real SMTP server.
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
  const transport: Transport = {
    name: "tidings-smtp",
    version: "1",
    send(mail: MailMessage, callback) {
      const envelope = mail.message.getEnvelope();
      const messageId = mail.message.messageId();
      const conn = new SMTPConnection(base);
      let done = false;
      const finish = (err: Error | null, info?: SMTPConnection.SentMessageInfo) => {
        if (done) return;
        done = true;
        callback(err, { envelope, messageId, ...info });
      };
      conn.once("error", (err) => {
        conn.close();
        finish(err);
      });
      conn.once("end", () => finish(new Error("Connection closed")));
      const deliver = () => {
        // See above: without PIPELINING nodemailer waits for the RCPT replies and sends no DATA when all were refused.
        const c = conn as unknown as { _supportedExtensions: string[] };
        c._supportedExtensions = c._supportedExtensions.filter((x) => x !== "PIPELINING");
        conn.send(envelope as SMTPConnection.Envelope, mail.message.createReadStream(), (err, info) => {
          // A refusal leaves the session usable: end it politely. A broken one is closed.
          if (!err || typeof err.responseCode === "number") conn.quit();
          else conn.close();
          if (err) return finish(err);
          finish(null, info);
        });
      };
      conn.connect((err) => {
        if (err) {
          conn.close();
          return finish(err);
        }
        if (!auth?.user) return deliver();
        conn.login(auth, (loginErr) => {
          if (!loginErr) return deliver();
          conn.quit();
          finish(loginErr);
        });
      });
    },
  };
  return nodemailer.createTransport(transport);
}
