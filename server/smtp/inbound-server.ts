import { SMTPServer, type SMTPServerDataStream, type SMTPServerOptions, type SMTPServerSession } from "smtp-server";
import type { Deps } from "../deps";
import { isDatabaseUnavailable } from "../db/unavailable";
import { DATABASE_BUDGET_MS, giveUpAfter } from "../db/deadline";
import { createDeliveryBatcher } from "../services/mail/inbound-batcher";
import { receiveParsed } from "../services/mail/inbound-mail";
import { acceptedReply, foreignRecipient, inboundTlsOptions } from "../mail/inbound-replies";
import { createParsePool, ParseWorkerError } from "../mail/parse-pool";
import { addressKey, connectionsFrom } from "./connection-limits";

const MAX_RECIPIENTS = 100;
/** The longest a sender waits for its mail to be stored before it is told 451 (try later). */
const MAIL_STORE_DEADLINE_MS = 8000;

function smtpError(message: string, responseCode: number): Error {
  return Object.assign(new Error(message), { responseCode });
}

/** The connection limits of the listener (SMTP_INBOUND_MAX_CLIENTS, …_MAX_PER_ADDRESS, …_IDLE_TIMEOUT_MS). */
export interface ListenerLimits { maxClients: number; maxPerAddress: number; idleTimeoutMs: number }

/**
 * The SMTP session settings of our listener; bench/mail-inbound.ts gives its baselines the same.
 * `maxClients` counts everyone together: generous, because a connection costs little and a
 * client that merely holds one is held back by the per-address cap (createInboundServer) and the
 * idle timeout, not by shutting everyone out.
 */
export function listenerOptions(maxBytes: number, limits: ListenerLimits) {
  return {
    authOptional: true,
    disabledCommands: ["AUTH", "STARTTLS"],
    size: maxBytes,
    // Strict parsing answers 501 to envelope addresses that real senders use (`someone@example.com.`
    // with the root's trailing dot, `user.@example.com` from appliance firmware), so such mail was
    // refused; intake normalises and judges every address itself (mail/parse.ts normalizeAddress).
    lenientAddressParsing: true,
    maxClients: limits.maxClients,
    socketTimeout: limits.idleTimeoutMs,
    // Nothing reads the client's host name (we write no Received field), and a PTR lookup per
    // connection waits up to 1.5 s for it.
    disableReverseLookup: true,
    closeTimeout: 10_000,
    logger: false,
    // Every reply carries its RFC 3463 code (RFC 2034), so a relay in front reads our refusals as meant.
    hideENHANCEDSTATUSCODES: false,
  } satisfies SMTPServerOptions;
}

/**
 * The inbound SMTP listener (smtp-server). A mail is answered 250 only after it is stored, so an
 * accepted mail is never lost; when the database is away it is answered 451 and the sending
 * server tries again later. The size limit is enforced while reading (SIZE and sizeExceeded).
 * Mail is parsed on worker threads (mail/parse-pool.ts) and written in batches of what arrives
 * together (services/mail/inbound-batcher.ts): one process keeps up with many sending connections.
 */
export function createInboundServer(deps: Deps): SMTPServer {
  const maxBytes = deps.config.mailMaxBytes;
  const limits = deps.config.smtpInbound;
  const parser = createParsePool({ workers: deps.config.mailParseWorkers, log: deps.log });
  const store = createDeliveryBatcher(deps);
  const warned = new Map<string, number>();
  // docs/mail.md: a database outage is answered 451 within 10 s, whatever the network does.
  // PGlite runs in this process: it cannot be away, only busy, and busy is no reason to defer.
  const bounded = <T>(fn: () => Promise<T>) => (deps.dbKind === "postgres" ? giveUpAfter(MAIL_STORE_DEADLINE_MS, DATABASE_BUDGET_MS, fn) : fn());
  const server = new SMTPServer({
    ...listenerOptions(maxBytes, limits),
    ...inboundTlsOptions(deps.config),
    name: "tidings",
    banner: "Tidings support desk",
    onConnect(session, callback) {
      // One address (a slow or hostile client, or 150 of them) gets its share and no more, so
      // mail from everyone else still finds a free slot; a refused client is told to come back.
      const key = addressKey(session.remoteAddress);
      if (connectionsFrom(server.connections, key) > limits.maxPerAddress) {
        // Once a minute per address: a flood of refusals must not become a flood of log lines.
        const now = Date.now();
        if ((warned.get(key) ?? 0) < now - 60_000) {
          if (warned.size > 10_000) warned.clear();
          warned.set(key, now);
          deps.log.warn({ address: key, max: limits.maxPerAddress }, "inbound SMTP connections refused: too many from one address");
        }
        return callback(smtpError("4.7.0 Too many connections from your address, try again later", 421));
      }
      callback();
    },
    onRcptTo(address, session, callback) {
      if (session.envelope.rcptTo.length >= MAX_RECIPIENTS) return callback(smtpError("Too many recipients", 452));
      callback(foreignRecipient(address.address, deps.config) ?? undefined);
    },
    onData(stream: SMTPServerDataStream, session: SMTPServerSession, callback) {
      const chunks: Buffer[] = [];
      let size = 0;
      stream.on("data", (c: Buffer) => {
        size += c.length;
        // Past the limit keep draining the stream, but stop keeping it.
        if (size <= maxBytes) chunks.push(c);
      });
      stream.on("error", (err) => callback(err));
      stream.on("end", () => {
        const mailFrom = session.envelope.mailFrom ? session.envelope.mailFrom.address : null;
        if (stream.sizeExceeded || size > maxBytes) {
          deps.log.warn({ from: mailFrom, size, maxBytes }, "inbound mail refused: over the size limit");
          deps.metrics.inboundMails.inc({ outcome: "too-large" });
          return callback(smtpError(`Message exceeds the maximum size of ${maxBytes} bytes`, 552));
        }
        const raw = Buffer.concat(chunks);
        parser
          .parse(raw)
          .catch((err: unknown) => {
            // A worker that died is our fault, not the mail's: 451, and the sender tries again.
            if (err instanceof ParseWorkerError) throw err;
            return err instanceof Error ? err : new Error(String(err));
          })
          .then((parsed) => bounded(() => receiveParsed(deps, raw, parsed, { mailFrom: mailFrom || null }, {}, store)))
          .then((r) => {
            deps.metrics.inboundMails.inc({ outcome: r.duplicate ? "duplicate" : r.outcome });
            callback(null, acceptedReply(r));
          })
          .catch((err) => {
            deps.metrics.inboundMails.inc({ outcome: "deferred" });
            if (isDatabaseUnavailable(err)) {
              deps.log.warn("inbound mail deferred: database unavailable");
              return callback(smtpError("Temporary failure, try again later", 451));
            }
            deps.log.error({ err }, "inbound mail failed");
            callback(smtpError("Temporary failure while storing the mail", 451));
          });
      });
    },
  });
  server.on("error", (err) => deps.log.error({ err }, "smtp listener error"));
  server.server.once("close", () => void parser.close());
  return server;
}

/**
 * Stops the listener for a graceful stop: no new connection, the sessions in flight finish
 * (smtp-server answers what is left `421` after its closeTimeout); once `force` fires, at once.
 * Resolves with the number of sessions cut off.
 */
export function closeInbound(server: SMTPServer, force: AbortSignal): Promise<number> {
  return new Promise((resolve) => {
    server.close(() => resolve(0));
    const cut = () => {
      const open = server.connections as Set<{ send(code: number, text: string): void; close(): void }>;
      const n = open.size;
      for (const c of open) {
        c.send(421, "4.3.2 Server shutting down, try again later");
        c.close();
      }
      resolve(n);
    };
    if (force.aborted) cut();
    else force.addEventListener("abort", cut, { once: true });
  });
}

export function listenInbound(server: SMTPServer, port: number, host: string): Promise<number> {
  return new Promise((resolve, reject) => {
    server.server.once("error", reject);
    server.listen(port, host, () => {
      server.server.off("error", reject);
      resolve((server.server.address() as { port: number }).port);
    });
  });
}
