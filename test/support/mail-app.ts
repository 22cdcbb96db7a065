import nodemailer from "nodemailer";
import type Mail from "nodemailer/lib/mailer";
import { createInboundServer, listenInbound } from "../../server/smtp/inbound-server";
import { startJobs } from "../../server/jobs/runner";
import { outboxSenderJob } from "../../server/jobs/outbox-sender";
import type { Driver } from "./databases";
import { startSmtpSink, type SinkOptions, type SmtpSink } from "./smtp-sink";
import { startTestApp, type TestApp } from "./test-app";

/**
 * The app with its real mail sockets: our inbound SMTP listener on a free port, the outbox sender
 * delivering to a real SMTP sink (answering after `sinkDelayMs`), and nodemailer as the client
 * that sends mail to us.
 */
export async function startMailApp(driver: Driver, env: Record<string, string> = {}, sinkOptions: SinkOptions = {}) {
  const sink = await startSmtpSink(0, sinkOptions);
  const t: TestApp = await startTestApp(driver, { SMTP_URL: sink.url, MAIL_FROM: "support@tidings.test", OUTBOX_INTERVAL_MS: "100", OUTBOX_BACKOFF_MS: "200", ...env });
  const inbound = createInboundServer(t.deps);
  const port = await listenInbound(inbound, 0, "127.0.0.1");
  // SMTP_URL in `env` puts a relay (a real Postfix: mail-mta.test.ts) between the sender and the sink.
  const sender = outboxSenderJob(t.deps.config.smtpUrl!, 100, t.deps.config.smtpEhloName, t.deps.config.outboxConnections);
  const jobs = startJobs(t.deps, [sender]);
  const client = nodemailer.createTransport({ host: "127.0.0.1", port, secure: false, ignoreTLS: true });
  return {
    t,
    sink,
    port,
    /** Sends a mail to our inbound port over SMTP; resolves with the server's answer. */
    send: (mail: Mail.Options) => client.sendMail({ to: "support@tidings.test", ...mail }),
    sendRaw: (from: string, raw: string | Buffer) => client.sendMail({ envelope: { from, to: ["support@tidings.test"] }, raw }),
    async close() {
      client.close();
      await jobs.stop();
      sender.close();
      await new Promise<void>((r) => inbound.close(() => r()));
      await sink.stop();
      await t.close();
    },
  };
}
export type MailApp = Awaited<ReturnType<typeof startMailApp>>;
export type { SmtpSink };
