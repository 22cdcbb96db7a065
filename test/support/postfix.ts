/**
 * A private Postfix instance for test/integration/mail-mta.test.ts: Debian's postfix package, its
 * own config_directory, queue and log under a temporary folder, listening on one loopback port
 * only, no DNS, nothing local. It relays the domains in `routes` to the given loopback ports and
 * refuses to relay anything else ("Relay access denied": Tidings is not in mynetworks). Needs
 * root (Postfix's master) and `apt-get install postfix`.
 */
import { spawn, spawnSync, type ChildProcess } from "node:child_process";
import fs from "node:fs";
import net from "node:net";
import os from "node:os";
import path from "node:path";

export const hasPostfix = () => fs.existsSync("/usr/sbin/postfix") && process.getuid?.() === 0;

export interface PostfixOptions {
  port: number;
  /** domain → loopback port it is relayed to. */
  routes: Record<string, number>;
  messageSizeLimit?: number;
  /** Postfix's delay notice after this long in the queue ("1s"); unset: none. */
  delayWarning?: string;
}

// The services a relay needs, none chrooted (the queue is a private folder, not /var/spool/postfix).
const SERVICES = `pickup unix n - n 60 1 pickup
cleanup unix n - n - 0 cleanup
qmgr unix n - n 300 1 qmgr
rewrite unix - - n - - trivial-rewrite
bounce unix - - n - 0 bounce
defer unix - - n - 0 bounce
trace unix - - n - 0 bounce
verify unix - - n - 1 verify
flush unix n - n 1000? 0 flush
proxymap unix - - n - - proxymap
smtp unix - - n - - smtp
showq unix n - n - - showq
error unix - - n - - error
retry unix - - n - - error
discard unix - - n - - discard
anvil unix - - n - 1 anvil
scache unix - - n - 1 scache
postlog unix-dgram n - n - 1 postlogd
`;

export async function startPostfix(o: PostfixOptions) {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), "tidings-postfix-"));
  // The postfix user must reach its data folder (mkdtemp makes the folder 0700).
  fs.chmodSync(dir, 0o755);
  const etc = path.join(dir, "etc");
  for (const d of ["etc", "spool", "data"]) fs.mkdirSync(path.join(dir, d));
  fs.chownSync(path.join(dir, "data"), Number(spawnSync("id", ["-u", "postfix"]).stdout.toString().trim()), 0);
  fs.writeFileSync(path.join(etc, "transport"), Object.entries(o.routes).map(([d, p]) => `${d} smtp:[127.0.0.1]:${p}\n`).join(""));
  fs.writeFileSync(path.join(etc, "main.cf"), [
    "compatibility_level = 3.6", `queue_directory = ${dir}/spool`, `data_directory = ${dir}/data`,
    "mail_owner = postfix", "setgid_group = postdrop", "myhostname = relay.tidings.test", "mydomain = tidings.test",
    "myorigin = $myhostname", "mydestination =", "local_recipient_maps =", "alias_maps =", "alias_database =",
    "inet_interfaces = 127.0.0.1", "inet_protocols = ipv4",
    // Tidings (127.0.0.1) is not trusted to relay: only the relay domains are accepted from it.
    "mynetworks = 127.0.0.2/32", `relay_domains = ${Object.keys(o.routes).join(", ")}`, `transport_maps = texthash:${etc}/transport`,
    "smtpd_relay_restrictions = permit_mynetworks, reject_unauth_destination", "smtp_dns_support_level = disabled",
    `maillog_file_prefixes = ${dir}`, `maillog_file = ${dir}/maillog`, "queue_run_delay = 1s", "minimal_backoff_time = 1s", "maximal_backoff_time = 2s",
    `delay_warning_time = ${o.delayWarning ?? "0"}`, `message_size_limit = ${o.messageSizeLimit ?? 10_240_000}`, "smtputf8_enable = yes", "",
  ].join("\n"));
  fs.writeFileSync(path.join(etc, "master.cf"), `127.0.0.1:${o.port} inet n - n - - smtpd\n${SERVICES}`);
  const check = spawnSync("/usr/sbin/postfix", ["-c", etc, "check"], { encoding: "utf8" });
  if (check.status !== 0) throw new Error(`postfix check failed: ${check.stderr}${fs.existsSync(`${dir}/maillog`) ? fs.readFileSync(`${dir}/maillog`, "utf8") : ""}`);
  const master: ChildProcess = spawn("/usr/sbin/postfix", ["-c", etc, "start-fg"], { stdio: "ignore" });
  const deadline = Date.now() + 15_000;
  for (;;) {
    const up = await new Promise<boolean>((resolve) => {
      const s = net.connect(o.port, "127.0.0.1", () => { s.destroy(); resolve(true); });
      s.on("error", () => resolve(false));
    });
    if (up) break;
    if (Date.now() > deadline) throw new Error(`postfix did not listen: ${fs.existsSync(`${dir}/maillog`) ? fs.readFileSync(`${dir}/maillog`, "utf8") : "no log"}`);
    await new Promise((r) => setTimeout(r, 200));
  }
  return {
    url: `smtp://127.0.0.1:${o.port}`,
    log: () => (fs.existsSync(`${dir}/maillog`) ? fs.readFileSync(`${dir}/maillog`, "utf8") : ""),
    async stop() {
      spawnSync("/usr/sbin/postfix", ["-c", etc, "stop"]);
      if (master.exitCode === null) await new Promise((r) => master.once("exit", r));
      fs.rmSync(dir, { recursive: true, force: true });
    },
  };
}
