import { parseArgs } from "node:util";
import { z, ZodError } from "zod";
import { loadConfig, ConfigError } from "./config";
import { buildDeps } from "./bootstrap";
import { createLogger } from "./log";
import { runSla } from "./cli/sla";
import { runKb } from "./cli/kb";
import { licenseCreateSchema, siteCreateSchema } from "../shared/api/admin";
import { createLicense } from "./services/accounts/licenses";
import { createSite } from "./services/accounts/sites";
import { addStaff } from "./services/accounts/staff-accounts";
import { addHoliday } from "./services/calendar/holidays";
import { changeCalendar } from "./services/calendar/calendar-change";
import { ApiError } from "./errors";
import { DataDirBusyError } from "./db/pglite-lock";
import type { Deps } from "./deps";
import { readLocalAccess } from "./cli/local-access";
import { RemoteRefusal, viaServer, type RemoteRequest } from "./cli/via-server";
import { databaseDue } from "./cli/sla-source";
import { STAFF_ROLES_TEXT, STAFF_ROLES } from "../shared/roles";

/**
 * The admin CLI (CONTRACT §6): `npm run --silent tidings -- <command>`. Output is one line per
 * result so scripts can read it; every failure is one line on stderr and a non-zero exit.
 */
const USAGE = `usage: tidings <command>
  sla due --from ISO (--business-hours N | --calendar-days N) [--pause FROM/TO]... [--default-calendar]
  license add --key K --holder NAME --category partner|commercial|non-commercial --edition cloud|self-hosted [--email E]... [--support-until YYYY-MM-DD]
  site add --name NAME --origin https://example.com [--origin ...]
  staff add --email E --role ${STAFF_ROLES.join("|")} [--name NAME]   (password from stdin when piped, else a one-time one is printed)
  holiday add --date YYYY-MM-DD --name NAME
  kb import DIR | kb export DIR   (.md files with YAML front matter; import creates or updates by locale and slug)`;

/**
 * A command parses its arguments once, then runs on the database itself or, while a server holds
 * the embedded database, as the same request to that server's admin API (`remote`); either way
 * `format` prints the one line.
 */
interface Command<I, R> {
  parse(args: string[]): I | Promise<I>;
  local(deps: Deps, input: I): Promise<R>;
  remote: (input: I) => RemoteRequest<R>;
  format(result: R): string;
}
const command = <I, R>(c: Command<I, R>) => c as unknown as Command<unknown, unknown>;

const COMMANDS: Record<string, Command<unknown, unknown>> = {
  "staff add": command({
    async parse(args) {
      const { values } = parseArgs({ args, options: { email: { type: "string" }, role: { type: "string" }, name: { type: "string" } } });
      const input = staffAddSchema.parse({ email: values.email, role: values.role, name: values.name });
      // A piped password is read from stdin (so it never shows in the process list); otherwise one is made.
      const piped = process.stdin.isTTY ? undefined : (await readStdin()).trim() || undefined;
      return { ...input, password: piped };
    },
    local: (deps, input) => addStaff(deps, input),
    remote: (input) => ({ method: "POST", path: "/api/v1/admin/staff", body: input }),
    format: (r: { email: string; role: string; generatedPassword: string | null }) => r.generatedPassword
      ? `staff ${r.email} added as ${r.role}; one-time password (to be replaced at the first sign-in): ${r.generatedPassword}`
      : `staff ${r.email} added as ${r.role}`,
  }),
  "license add": command({
    parse(args) {
      const { values } = parseArgs({ args, options: { key: { type: "string" }, holder: { type: "string" }, category: { type: "string" }, edition: { type: "string" }, email: { type: "string", multiple: true }, "support-until": { type: "string" } } });
      return licenseCreateSchema.parse({ key: values.key, holder: values.holder, category: values.category, edition: values.edition, emails: values.email ?? [], supportUntil: values["support-until"] ?? null });
    },
    local: (deps, input) => createLicense(deps.db, input),
    remote: (input) => ({ method: "POST", path: "/api/v1/admin/licenses", body: input }),
    format: (l: { key: string; category: string; edition: string; supportUntil: string | null }) =>
      `license ${l.key} added (${l.category}, ${l.edition}, support until ${l.supportUntil ?? "unlimited"})`,
  }),
  "site add": command({
    parse(args) {
      const { values } = parseArgs({ args, options: { name: { type: "string" }, origin: { type: "string", multiple: true } } });
      return siteCreateSchema.parse({ name: values.name, allowedOrigins: values.origin ?? [] });
    },
    local: (deps, input) => createSite(deps.db, deps.config.publicUrl, input),
    remote: (input) => ({ method: "POST", path: "/api/v1/admin/sites", body: input }),
    format: (site: { snippet: string }) => site.snippet,
  }),
  "holiday add": command({
    parse(args) {
      const { values } = parseArgs({ args, options: { date: { type: "string" }, name: { type: "string" } } });
      return { date: values.date ?? "", name: values.name ?? "" };
    },
    local: (deps, input) => changeCalendar(deps, "cli", (tx) => addHoliday(tx, input, "cli"),
      (r) => ({ cause: r.created ? "holiday-added" : "holiday-renamed", date: r.date, name: r.name })),
    // The API answers 201 for a new holiday and 200 for a renamed one.
    remote: (input) => ({ method: "POST", path: "/api/v1/admin/holidays", body: input, result: (b, status) => ({ ...(b as object), created: status === 201 }) }),
    format: (h: { date: string; name: string; created: boolean }) => `holiday ${h.date} ${h.created ? "added" : "renamed"}: ${h.name}`,
  }),
};

const staffAddSchema = z.object({
  email: z.string().trim().pipe(z.email("must be a valid email address")),
  role: z.enum(STAFF_ROLES, { message: STAFF_ROLES_TEXT }),
  name: z.string().trim().max(200).optional(),
});

async function readStdin(): Promise<string> {
  const chunks: Buffer[] = [];
  for await (const c of process.stdin) chunks.push(c as Buffer);
  return Buffer.concat(chunks).toString("utf8");
}

async function main(argv: string[]): Promise<number> {
  const out = (line: string) => process.stdout.write(`${line}\n`);
  const err = (line: string) => process.stderr.write(`${line}\n`);
  if (argv[0] === "sla") return runSla(argv, out, err, databaseDue);
  if (argv[0] === "kb") return runKb(argv, out, err);
  const name = argv.slice(0, 2).join(" ");
  const command = COMMANDS[name];
  if (!command) {
    err(argv.length ? `unknown command "${argv.join(" ")}"\n${USAGE}` : USAGE);
    return 2;
  }
  let opened: Awaited<ReturnType<typeof buildDeps>> | undefined;
  try {
    const config = loadConfig();
    const input = await command.parse(argv.slice(2));
    try {
      opened = await buildDeps(config, { log: createLogger("warn"), purpose: "cli" });
    } catch (e) {
      // The embedded database is held by a running server: the same request goes through it.
      const access = e instanceof DataDirBusyError ? readLocalAccess(config.dataDir) : null;
      if (!access) throw e;
      out(command.format(await viaServer(access, command.remote(input))));
      return 0;
    }
    out(command.format(await command.local(opened.deps, input)));
    return 0;
  } catch (e) {
    err(describe(e));
    return e instanceof ApiError || e instanceof ZodError || e instanceof ConfigError || e instanceof DataDirBusyError || e instanceof TypeError || e instanceof RemoteRefusal ? 2 : 1;
  } finally {
    await opened?.database.close();
  }
}

function describe(e: unknown): string {
  if (e instanceof ZodError) {
    const i = e.issues[0]!;
    return `--${String(i.path[0] ?? "arguments").replace(/([A-Z])/g, "-$1").toLowerCase()}: ${i.message}`;
  }
  if (e instanceof Error && (e as NodeJS.ErrnoException).code === "ERR_PARSE_ARGS_UNKNOWN_OPTION") return e.message;
  return e instanceof Error ? e.message : String(e);
}

// main answers every failure with an exit code; a rejection left (closing the database) crashes loudly.
void main(process.argv.slice(2)).then((code) => process.exit(code));
