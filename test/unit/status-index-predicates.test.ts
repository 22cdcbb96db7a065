/**
 * The partial indexes over tickets are declared with the named sets of shared/ticket-status.ts
 * (server/db/status-sql.ts). What the database holds is what the migrations wrote, so these read
 * the predicates back from the migrations (the last CREATE INDEX of each name) and from the last
 * snapshot drizzle-kit compares against, and hold them to the sets: a set changed without a
 * migration fails here, not as a query that quietly stops using its index.
 */
import fs from "node:fs";
import path from "node:path";
import { getTableConfig, PgDialect } from "drizzle-orm/pg-core";
import { describe, expect, it } from "vitest";
import { tickets } from "../../server/db/schema";
import { ACTIVE_STATUSES, RUNNING_CLOCK_STATUSES, type TicketStatus } from "../../shared/ticket-status";

const MIGRATIONS = path.resolve(import.meta.dirname, "../../server/db/migrations");

/** The statuses a predicate lists in its `status in (…)`, in order; null when it has none. */
function statusesIn(predicate: string): string[] | null {
  const m = /status in \(([^)]*)\)/.exec(predicate);
  return m ? m[1]!.split(",").map((s) => s.trim().replace(/^'|'$/g, "")) : null;
}

function lastCreatedPredicates(): Map<string, string> {
  const files = fs.readdirSync(MIGRATIONS).filter((f) => f.endsWith(".sql")).sort();
  const out = new Map<string, string>();
  for (const f of files) {
    for (const m of fs.readFileSync(path.join(MIGRATIONS, f), "utf8").matchAll(/CREATE INDEX "(\w+)" ON "tickets"[^;]*? WHERE (.*?);/g)) {
      out.set(m[1]!, m[2]!.replace(/--> statement-breakpoint$/, "").trim());
    }
  }
  return out;
}

function lastSnapshotPredicates(): Map<string, string> {
  const journal = JSON.parse(fs.readFileSync(path.join(MIGRATIONS, "meta/_journal.json"), "utf8")) as { entries: { idx: number }[] };
  const last = String(journal.entries.at(-1)!.idx).padStart(4, "0");
  const snap = JSON.parse(fs.readFileSync(path.join(MIGRATIONS, `meta/${last}_snapshot.json`), "utf8")) as {
    tables: Record<string, { indexes: Record<string, { where?: string }> }>;
  };
  return new Map(Object.entries(snap.tables["public.tickets"]!.indexes).flatMap(([name, i]) => (i.where ? [[name, i.where] as const] : [])));
}

function schemaPredicates(): Map<string, string> {
  const dialect = new PgDialect();
  return new Map(getTableConfig(tickets).indexes.flatMap((i) => (i.config.where ? [[i.config.name!, dialect.sqlToQuery(i.config.where).sql] as const] : [])));
}

const expected: Record<string, readonly TicketStatus[]> = {
  tickets_warn_due_idx: RUNNING_CLOCK_STATUSES,
  tickets_breach_due_idx: RUNNING_CLOCK_STATUSES,
  tickets_queue_idx: ACTIVE_STATUSES,
};

describe("partial indexes over tickets and the named status sets", () => {
  for (const [source, read] of [["migrations", lastCreatedPredicates], ["last snapshot", lastSnapshotPredicates], ["schema.ts", schemaPredicates]] as const) {
    it(`${source}: each index over a status set lists exactly that set`, () => {
      const predicates = read();
      for (const [name, set] of Object.entries(expected)) {
        expect(statusesIn(predicates.get(name) ?? ""), `${name} in ${source}`).toEqual([...set]);
      }
      // No other index over tickets names statuses the sets do not know of.
      const named = [...predicates].filter(([, p]) => statusesIn(p)).map(([n]) => n).sort();
      expect(named).toEqual(Object.keys(expected).sort());
    });
  }

  it("the schema's predicates are the migrations' text, so drizzle-kit has nothing to migrate", () => {
    const migrated = lastSnapshotPredicates();
    for (const [name, sql] of schemaPredicates()) expect(sql, name).toBe(migrated.get(name));
  });
});
