import { spawnSync } from "node:child_process";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, test } from "vitest";
import { eq, sql } from "drizzle-orm";
import { openDatabase } from "../../server/db/client";
import { kbArticles, kbRevisions } from "../../server/db/schema";
import { createPostgresDatabase, drivers } from "../support/databases";
import { startServerProcess } from "../support/server-process";

/**
 * Acceptance 4 of issue 16, through the real CLI process: `kb import` twice on the same folder
 * changes nothing the second time; an edited file updates its article with one new revision;
 * refused files get a line each with the reason; `kb export` writes a folder that imports unchanged.
 */
const ROOT = path.resolve(import.meta.dirname, "../..");

const file = (meta: string, body: string) => `---\n${meta}\n---\n${body}\n`;
const FILES: Record<string, string> = {
  "en/ssl.md": file("slug: ssl-renewal\ntitle: Certificate renewal fails\nlocale: en\ncategory: ssl\ntags: [ssl, acme]\nvisibility: public\ntranslationKey: ssl-renewal", "Certificates renew **thirty days** before expiry."),
  "de/ssl.md": file("slug: zertifikat-erneuern\ntitle: Zertifikatsverlängerung schlägt fehl\nlocale: de\ncategory: ssl\nvisibility: public\ntranslationKey: ssl-renewal\nversions: ['24.*']", "Zertifikate werden dreißig Tage vor Ablauf erneuert."),
  "en/draft.md": file("slug: cron-draft\ntitle: Cron (draft)\nlocale: en\neditions: [self-hosted]\npublishAt: 2031-01-01T00:00:00Z", "Not ready."),
  "bad/no-front-matter.md": "# Just a heading\n",
  "bad/bad-locale.md": file("slug: french\ntitle: Certificat\nlocale: fr", "Bonjour."),
  "bad/bad-yaml.md": file("slug: [unclosed\ntitle: x", "x"),
  "more/duplicate.md": file("slug: ssl-renewal\ntitle: Another one\nlocale: en", "Same slug as en/ssl.md."),
  "notes.txt": "not Markdown: ignored",
};

/** What every import of the folder prints first: the four bad files, each with its reason, in path order. */
const REFUSED: unknown[] = [
  "refused bad/bad-locale.md: locale: must be en or de",
  expect.stringMatching(/^refused bad\/bad-yaml\.md: front matter is not valid YAML: /),
  "refused bad/no-front-matter.md: no YAML front matter (the file must start with a --- line)",
  "refused more/duplicate.md: en/ssl-renewal is already given by en/ssl.md",
];

describe.each(drivers())("kb import and export on %s", (driver) => {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), "tidings-kb-"));
  const dataDir = path.join(dir, "data");
  const docs = path.join(dir, "docs");
  let env: Record<string, string> = {};
  let drop = async () => {};
  const cli = (...args: string[]) => {
    const r = spawnSync(process.execPath, ["--import", "tsx", "server/cli.ts", ...args], { cwd: ROOT, encoding: "utf8", env: { PATH: process.env.PATH ?? "", DATA_DIR: dataDir, ...env } });
    return { code: r.status, out: r.stdout.trim().split("\n"), err: r.stderr };
  };

  beforeAll(async () => {
    if (driver === "postgres") {
      const pg = await createPostgresDatabase();
      env = { DATABASE_URL: pg.url };
      drop = pg.drop;
    }
    for (const [name, text] of Object.entries(FILES)) {
      fs.mkdirSync(path.dirname(path.join(docs, name)), { recursive: true });
      fs.writeFileSync(path.join(docs, name), text);
    }
  });
  afterAll(async () => { await drop(); fs.rmSync(dir, { recursive: true, force: true }); });

  test("the first import creates, refusing bad files with a reason each", () => {
    const r = cli("kb", "import", docs);
    expect(r.err).toBe("");
    expect(r.code).toBe(1);
    expect(r.out).toEqual([...REFUSED, "created 3, updated 0, unchanged 0, refused 4"]);
  }, 60_000);

  test("the second import of the same folder changes nothing", () => {
    const r = cli("kb", "import", docs);
    expect(r.out.at(-1)).toBe("created 0, updated 0, unchanged 3, refused 4");
  }, 60_000);

  test("an edited file updates its article with one new revision; export → import is unchanged", async () => {
    fs.writeFileSync(path.join(docs, "en/ssl.md"), FILES["en/ssl.md"]!.replace("thirty days", "30 days"));
    expect(cli("kb", "import", docs).out.at(-1)).toBe("created 0, updated 1, unchanged 2, refused 4");
    expect(cli("kb", "import", docs).out.at(-1)).toBe("created 0, updated 0, unchanged 3, refused 4");
    const database = await openDatabase(env.DATABASE_URL ? { url: env.DATABASE_URL } : { dataDir: path.join(dataDir, "pglite") });
    try {
      const revisions = await database.db.select({ revision: kbRevisions.revision, body: sql<string>`${kbRevisions.content}->>'body'` }).from(kbRevisions)
        .innerJoin(kbArticles, eq(kbArticles.id, kbRevisions.articleId)).where(eq(kbArticles.slug, "ssl-renewal")).orderBy(kbRevisions.revision);
      expect(revisions).toEqual([{ revision: 1, body: "Certificates renew **thirty days** before expiry." }, { revision: 2, body: "Certificates renew **30 days** before expiry." }]);
    } finally {
      await database.close();
    }
    const out = path.join(dir, "exported");
    expect(cli("kb", "export", out).out).toEqual(["exported 3"]);
    const exported = fs.readFileSync(path.join(out, "en/ssl-renewal.md"), "utf8");
    expect(exported).toContain("Certificates renew **30 days** before expiry.");
    expect(exported).toMatch(/^---\nslug: ssl-renewal\n/);
    expect(fs.readFileSync(path.join(out, "en/cron-draft.md"), "utf8")).toContain("publishAt: 2031-01-01T00:00:00.000Z");
    expect(cli("kb", "import", out).out).toEqual(["created 0, updated 0, unchanged 3, refused 0"]);
  }, 120_000);

  test("while a server runs (and holds the embedded database): import and export go through it", async () => {
    const server = await startServerProcess({ DATA_DIR: dataDir, ...env });
    try {
      await server.waitForOutput(/Tidings is running/);
      fs.writeFileSync(path.join(docs, "de/ssl.md"), FILES["de/ssl.md"]!.replace("dreißig", "30"));
      const r = cli("kb", "import", docs);
      expect(r.err).toBe("");
      expect(r.out).toEqual([...REFUSED, "created 0, updated 1, unchanged 2, refused 4"]);
      expect(r.code).toBe(1);
      expect(cli("kb", "import", docs).out.at(-1)).toBe("created 0, updated 0, unchanged 3, refused 4");
      const out = path.join(dir, "exported-live");
      expect(cli("kb", "export", out).out).toEqual(["exported 3"]);
      expect(fs.readFileSync(path.join(out, "de/zertifikat-erneuern.md"), "utf8")).toContain("Zertifikate werden 30 Tage vor Ablauf erneuert.");
      // On the embedded database the CLI could not open it: the server saved the article, in the CLI's name.
      if (driver === "pglite") await server.waitForOutput(/"actor":"cli","action":"kb-article-updated"/);
    } finally {
      await server.stop();
    }
  }, 180_000);
});
