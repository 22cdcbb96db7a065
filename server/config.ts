import { z } from "zod";
import os from "node:os";
import path from "node:path";
import { domainToASCII } from "node:url";
import { isIP } from "node:net";

/**
 * The only reader of process.env (CONTRACT §2). A bad value stops the start with one line that
 * names the variable, because an operator reading a crash log should not have to guess.
 */
const PORT_RULE = "must be a port number from 0 to 65535";
const port = (def: number) =>
  z.coerce.number({ message: PORT_RULE }).int(PORT_RULE).min(0, PORT_RULE).max(65535, PORT_RULE).default(def);

const HOST_NAME = /^[A-Za-z0-9]([A-Za-z0-9-]*[A-Za-z0-9])?(\.[A-Za-z0-9]([A-Za-z0-9-]*[A-Za-z0-9])?)*$/;

const envSchema = z.object({
  PORT: port(8787),
  // An address to listen on (IPv4, IPv6 such as "::", or a name that resolves to one).
  HOST: z.string().refine((v) => isIP(v) !== 0 || HOST_NAME.test(v), "must be an IP address or a host name").default("0.0.0.0"),
  DATA_DIR: z.string().min(1).default("./data"),
  DATABASE_URL: z
    .string()
    .regex(/^postgres(ql)?:\/\//, "must start with postgres:// or postgresql://")
    .optional(),
  PUBLIC_URL: z.url().optional(),
  TIDINGS_ADMIN_TOKEN: z.string().min(16, "must be at least 16 characters").optional(),
  TIDINGS_SECRET_KEY: z
    .string()
    .regex(/^[0-9a-fA-F]{64}$/, "must be 64 hex characters (32 bytes)")
    .optional(),
  SMTP_URL: z.string().regex(/^smtps?:\/\//, "must start with smtp:// or smtps://").optional(),
  MAIL_FROM: z.string().min(3).default("support@localhost"),
  MAIL_FROM_NAME: z.string().max(200).regex(/^[^\r\n<>]*$/, "must be one line without < or >").optional(),
  SMTP_EHLO_NAME: z.string().regex(/^[A-Za-z0-9.-]+$|^\[[0-9A-Fa-f:.]+\]$/, "must be a host name or an address literal like [192.0.2.1]").optional(),
  MAIL_INBOUND_DOMAINS: z.string().regex(/^[^@\s,]+(\s*,\s*[^@\s,]+)*$/, "must be a comma-separated list of domains").optional(),
  MAIL_INBOUND_ADDRESSES: z.string().regex(/^[^@\s,]+@[^@\s,]+(\s*,\s*[^@\s,]+@[^@\s,]+)*$/, "must be a comma-separated list of addresses").optional(),
  SMTP_INBOUND_TLS_CERT: z.string().min(1).optional(),
  SMTP_INBOUND_TLS_KEY: z.string().min(1).optional(),
  SMTP_INBOUND_PORT: port(2525),
  SMTP_INBOUND_HOST: z.string().min(1).default("127.0.0.1"),
  STORAGE: z.enum(["fs", "s3"], { message: "must be fs or s3" }).default("fs"),
  // Bucket names as S3 allows them today: 3–63 lower-case letters, digits, dots and hyphens.
  S3_BUCKET: z.string().regex(/^[a-z0-9][a-z0-9.-]{1,61}[a-z0-9]$/, "must be a bucket name (3-63 lower-case letters, digits, dots, hyphens)").optional(),
  S3_REGION: z.string().regex(/^[a-z0-9-]{2,40}$/, "must be a region name such as us-east-1").default("us-east-1"),
  S3_ENDPOINT: z.url({ protocol: /^https?$/, message: "must be an http:// or https:// URL" }).optional(),
  S3_FORCE_PATH_STYLE: z.enum(["true", "false"], { message: "must be true or false" }).default("false"),
  S3_ACCESS_KEY_ID: z.string().min(1).optional(),
  S3_SECRET_ACCESS_KEY: z.string().min(1).optional(),
  LOG_LEVEL: z.enum(["fatal", "error", "warn", "info", "debug", "trace", "silent"]).default("info"),
  INTAKE_RATE_LIMIT: z.coerce.number().int().min(1).default(30),
  INTAKE_RATE_WINDOW_SECONDS: z.coerce.number().int().min(1).default(60),
  TRUST_PROXY: z
    .string()
    .regex(/^(true|false|\d{1,2})$/, "must be false, true (one proxy in front) or the number of proxies in front (0-99)")
    .default("false"),
  REDIS_URL: z.string().regex(/^rediss?:\/\/[^/]/, "must start with redis:// or rediss://").optional(),
  REDIS_KEY_PREFIX: z.string().regex(/^[\x21-\x7e]{0,64}$/, "must be at most 64 printable characters without spaces").default("tidings:"),
  SLA_ALERT_EMAIL: z.email("must be an email address").optional(),
  SLA_WATCH_INTERVAL_MS: z.coerce.number().int().min(50).max(3_600_000).default(30_000),
  JOBS: z.enum(["on", "off"]).default("on"),
  OUTBOX_INTERVAL_MS: z.coerce.number().int().min(50).max(600_000).default(2000),
  OUTBOX_BACKOFF_MS: z.coerce.number().int().min(10).max(600_000).default(5000),
  OUTBOX_BACKOFF_MAX_MS: z.coerce.number().int().min(100).max(86_400_000).default(3_600_000),
  OUTBOX_SMTP_CONNECTIONS: z.coerce.number().int().min(1).max(50).default(5),
  SMTP_INBOUND_MAX_CLIENTS: z.coerce.number().int().min(1).max(10_000).default(500),
  SMTP_INBOUND_MAX_PER_ADDRESS: z.coerce.number().int().min(1).max(10_000).default(50),
  SMTP_INBOUND_IDLE_TIMEOUT_MS: z.coerce.number().int().min(1000).max(600_000).default(60_000),
  MAIL_MAX_BYTES: z.coerce.number().int().min(1024).max(200 * 1024 * 1024).default(30 * 1024 * 1024),
  MAIL_REOPEN_DAYS: z.coerce.number().int().min(0).max(365).default(14),
  KB_SEARCH_RETENTION_DAYS: z.coerce.number().int().min(1).max(3650).default(180),
  MAIL_PARSE_WORKERS: z.coerce.number().int().min(0).max(8).optional(),
  METRICS_TOKEN: z.string().min(16, "must be at least 16 characters").optional(),
  SHUTDOWN_GRACE_MS: z.coerce.number().int().min(0).max(600_000).default(25_000),
  SHUTDOWN_DELAY_MS: z.coerce.number().int().min(0).max(600_000).default(0),
});

export interface Config {
  port: number;
  /**
   * The HTTP listen address. 0.0.0.0 (all IPv4 interfaces) by default, as before: the HTTP port is
   * the product's public face and is usually reached through a container or proxy; SMTP, which
   * has no authentication, is the one that defaults to loopback.
   */
  host: string;
  dataDir: string;
  databaseUrl: string | undefined;
  publicUrl: string;
  adminToken: string | undefined;
  secretKeyHex: string | undefined;
  smtpUrl: string | undefined;
  mailFrom: string;
  /** The display name in From of our mail ("Example Support <support@…>"). */
  mailFromName: string | undefined;
  /** The name our outbound SMTP client greets with (EHLO); default the host of PUBLIC_URL. */
  smtpEhloName: string;
  /** Inbound SMTP accepts mail only for these (lower-case, IDNs in their ASCII form): addresses at the domains, or the listed addresses. */
  mailInbound: { domains: string[]; addresses: string[] };
  /** PEM files for STARTTLS on the inbound listener; null: plain SMTP only (behind a relay). */
  smtpInboundTls: { certPath: string; keyPath: string } | null;
  smtpInboundPort: number;
  smtpInboundHost: string;
  storage: "fs" | "s3";
  attachmentsDir: string;
  /** Where multipart file parts are written while they arrive (DATA_DIR/tmp/uploads), whatever STORAGE is. */
  uploadsTempDir: string;
  /** The bucket when STORAGE=s3; without credentials the SDK's default chain finds them (role, profile). */
  s3: S3Config | null;
  logLevel: string;
  intakeRateLimit: { limit: number; windowMs: number };
  /**
   * How many proxies of ours stand in front (TRUST_PROXY): the client address is then the entry
   * of X-Forwarded-For that the farthest of them appended (http/client-address.ts); 0: the
   * socket's peer, X-Forwarded-For ignored.
   */
  trustProxy: number;
  /**
   * Redis for the rate limits shared by every process (REDIS_URL); unset: they live in Postgres,
   * or in memory with the embedded database. The prefix lets deployments share one Redis.
   */
  redis: { url: string; keyPrefix: string } | undefined;
  /** Where SLA warnings and breaches are announced; defaults to the support address itself. */
  slaAlertEmail: string;
  slaWatchIntervalMs: number;
  /** Background jobs in this process; off for processes that only serve HTTP. */
  jobs: boolean;
  outboxIntervalMs: number;
  /** First retry delay after a failed delivery; doubles each attempt up to the maximum. */
  outboxBackoff: { baseMs: number; maxMs: number };
  /** Pooled SMTP connections the outbox sender keeps to SMTP_URL, one mail in flight on each. */
  outboxConnections: number;
  /**
   * Inbound SMTP connection limits (smtp/inbound-server.ts): all clients together, clients from
   * one address (an IPv6 /64), and how long a client may stay silent before it is dropped.
   */
  smtpInbound: { maxClients: number; maxPerAddress: number; idleTimeoutMs: number };
  /** Largest inbound mail accepted over SMTP; larger ones are refused during DATA. */
  mailMaxBytes: number;
  /** A reply to a closed ticket within this many days reopens it; later it opens a new, linked one. */
  mailReopenDays: number;
  /** The knowledge base's search log (the no-result report) keeps this many days; older searches are deleted (jobs/kb-search-retention.ts). */
  kbSearchRetentionDays: number;
  /**
   * Threads that parse inbound mail, so parsing does not share the main thread with the database
   * work; 0 parses on the main thread. Default 1 when there is a second core to run it on.
   */
  mailParseWorkers: number;
  /** Bearer token for GET /metrics; unset: the metrics are open (keep the port internal). */
  metricsToken: string | undefined;
  /**
   * How long a stop (SIGTERM) lets the HTTP requests, SMTP sessions and job runs in flight finish
   * before it cuts them (server/shutdown.ts). Below an orchestrator's own grace (Kubernetes: 30 s).
   */
  shutdownGraceMs: number;
  /**
   * How long a stop first goes on serving, with /readyz at 503, before it stops accepting: for a
   * load balancer that learns of the stop only from its probe. Default 0.
   */
  shutdownDelayMs: number;
}

export interface S3Config {
  bucket: string;
  region: string;
  endpoint: string | undefined;
  forcePathStyle: boolean;
  credentials: { accessKeyId: string; secretAccessKey: string } | undefined;
}

export class ConfigError extends Error {}

/** Empty strings count as unset: `FOO= npm start` should mean the default, not a bad value. */
function clean(env: Record<string, string | undefined>): Record<string, string> {
  const out: Record<string, string> = {};
  for (const [k, v] of Object.entries(env)) if (v !== undefined && v !== "") out[k] = v;
  return out;
}

export function loadConfig(env: Record<string, string | undefined> = process.env): Config {
  const parsed = envSchema.safeParse(clean(env));
  if (!parsed.success) {
    const issue = parsed.error.issues[0]!;
    const name = String(issue.path[0] ?? "environment");
    // The value helps the operator see the typo; a secret or a URL (it may carry a password) is never echoed.
    const raw = env[name];
    const shown = raw !== undefined && !/TOKEN|SECRET|KEY|PASSWORD|URL|ENDPOINT/.test(name) ? ` (got "${raw.slice(0, 60)}")` : "";
    throw new ConfigError(`Invalid configuration: ${name} ${issue.message}${shown}`);
  }
  const e = parsed.data;
  if (Boolean(e.SMTP_INBOUND_TLS_CERT) !== Boolean(e.SMTP_INBOUND_TLS_KEY)) {
    throw new ConfigError(`Invalid configuration: ${e.SMTP_INBOUND_TLS_CERT ? "SMTP_INBOUND_TLS_KEY" : "SMTP_INBOUND_TLS_CERT"} must be set together with the other`);
  }
  const s3 = s3Config(e);
  const dataDir = path.resolve(e.DATA_DIR);
  const publicUrl = (e.PUBLIC_URL ?? `http://localhost:${e.PORT}`).replace(/\/+$/, "");
  return {
    port: e.PORT,
    host: e.HOST,
    dataDir,
    databaseUrl: e.DATABASE_URL,
    publicUrl,
    adminToken: e.TIDINGS_ADMIN_TOKEN,
    secretKeyHex: e.TIDINGS_SECRET_KEY,
    smtpUrl: e.SMTP_URL,
    mailFrom: e.MAIL_FROM,
    mailFromName: e.MAIL_FROM_NAME,
    smtpEhloName: e.SMTP_EHLO_NAME ?? new URL(publicUrl).hostname,
    mailInbound: inboundAddresses(e.MAIL_FROM, e.MAIL_INBOUND_DOMAINS, e.MAIL_INBOUND_ADDRESSES),
    smtpInboundTls: e.SMTP_INBOUND_TLS_CERT && e.SMTP_INBOUND_TLS_KEY ? { certPath: e.SMTP_INBOUND_TLS_CERT, keyPath: e.SMTP_INBOUND_TLS_KEY } : null,
    smtpInboundPort: e.SMTP_INBOUND_PORT,
    smtpInboundHost: e.SMTP_INBOUND_HOST,
    storage: e.STORAGE,
    attachmentsDir: path.join(dataDir, "attachments"),
    uploadsTempDir: path.join(dataDir, "tmp", "uploads"),
    s3,
    logLevel: e.LOG_LEVEL,
    intakeRateLimit: { limit: e.INTAKE_RATE_LIMIT, windowMs: e.INTAKE_RATE_WINDOW_SECONDS * 1000 },
    trustProxy: proxyHops(e.TRUST_PROXY),
    redis: e.REDIS_URL ? { url: e.REDIS_URL, keyPrefix: e.REDIS_KEY_PREFIX } : undefined,
    slaAlertEmail: e.SLA_ALERT_EMAIL ?? e.MAIL_FROM,
    slaWatchIntervalMs: e.SLA_WATCH_INTERVAL_MS,
    jobs: e.JOBS === "on",
    outboxIntervalMs: e.OUTBOX_INTERVAL_MS,
    outboxBackoff: { baseMs: e.OUTBOX_BACKOFF_MS, maxMs: e.OUTBOX_BACKOFF_MAX_MS },
    outboxConnections: e.OUTBOX_SMTP_CONNECTIONS,
    smtpInbound: { maxClients: e.SMTP_INBOUND_MAX_CLIENTS, maxPerAddress: e.SMTP_INBOUND_MAX_PER_ADDRESS, idleTimeoutMs: e.SMTP_INBOUND_IDLE_TIMEOUT_MS },
    mailMaxBytes: e.MAIL_MAX_BYTES,
    mailReopenDays: e.MAIL_REOPEN_DAYS,
    kbSearchRetentionDays: e.KB_SEARCH_RETENTION_DAYS,
    mailParseWorkers: e.MAIL_PARSE_WORKERS ?? (os.availableParallelism() > 1 ? 1 : 0),
    metricsToken: e.METRICS_TOKEN,
    shutdownGraceMs: e.SHUTDOWN_GRACE_MS,
    shutdownDelayMs: e.SHUTDOWN_DELAY_MS,
  };
}

/** "true" is the usual one proxy (nginx on the same host); a number counts a chain (CDN, then nginx). */
const proxyHops = (v: string) => (v === "true" ? 1 : v === "false" ? 0 : Number(v));

function s3Config(e: z.infer<typeof envSchema>): S3Config | null {
  if (Boolean(e.S3_ACCESS_KEY_ID) !== Boolean(e.S3_SECRET_ACCESS_KEY)) {
    throw new ConfigError(`Invalid configuration: ${e.S3_ACCESS_KEY_ID ? "S3_SECRET_ACCESS_KEY" : "S3_ACCESS_KEY_ID"} must be set together with the other (or neither, for the SDK's default credentials)`);
  }
  if (e.STORAGE !== "s3") return null;
  if (!e.S3_BUCKET) throw new ConfigError("Invalid configuration: S3_BUCKET is required when STORAGE=s3");
  return {
    bucket: e.S3_BUCKET,
    region: e.S3_REGION,
    endpoint: e.S3_ENDPOINT,
    forcePathStyle: e.S3_FORCE_PATH_STYLE === "true",
    credentials: e.S3_ACCESS_KEY_ID && e.S3_SECRET_ACCESS_KEY ? { accessKeyId: e.S3_ACCESS_KEY_ID, secretAccessKey: e.S3_SECRET_ACCESS_KEY } : undefined,
  };
}

const list = (v: string | undefined) => (v ?? "").split(",").map((x) => x.trim()).filter(Boolean);
/** IDNs compare in their ASCII (punycode) form, whichever form the operator or the sender wrote. */
const asciiDomain = (d: string) => domainToASCII(d.toLowerCase()) || d.toLowerCase();
const asciiAddress = (a: string) => `${a.slice(0, a.lastIndexOf("@")).toLowerCase()}@${asciiDomain(a.slice(a.lastIndexOf("@") + 1))}`;

/** Listed addresses alone, or listed domains; with neither, the domain of MAIL_FROM. */
function inboundAddresses(mailFrom: string, domains: string | undefined, addresses: string | undefined) {
  const own = mailFrom.slice(mailFrom.lastIndexOf("@") + 1);
  const d = list(domains);
  const a = list(addresses);
  return { domains: (d.length || a.length ? d : [own]).map(asciiDomain), addresses: a.map(asciiAddress) };
}
