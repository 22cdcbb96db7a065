import fs from "node:fs";
import path from "node:path";
import { parse as parseYaml, stringify as stringifyYaml } from "yaml";
import { kbArticleInputSchema, type KbArticleView } from "../../../shared/api/kb";
import type { Deps } from "../../deps";
import { kbImages } from "../../db/schema";
import { storeBlobs } from "../tickets/blob-writes";
import { listArticles, saveArticle, type SaveOutcome } from "./articles";
import { exportFolderImages, resolveFolderImages, type FolderImage } from "./folder-images";

/**
 * Docs as code (issue 16): a folder of `.md` files with YAML front matter (slug, title, locale,
 * category, tags, editions, versions, visibility, translationKey, publishAt) ⇄ the articles.
 * Import creates or updates by locale and slug and is idempotent (services/kb/articles.ts writes a
 * revision only when the content changed); export writes the same form, so export → import
 * changes nothing. Images beside the files travel with them (services/kb/folder-images.ts).
 */
export interface ImportReport { created: number; updated: number; unchanged: number; refused: number; refusals: string[] }

const FRONT_MATTER = /^---\r?\n([\s\S]*?)\r?\n---[ \t]*(?:\r?\n|$)/;

/** The article a file describes, or why it is refused. */
export function parseArticleFile(text: string): { ok: true; input: ReturnType<typeof kbArticleInputSchema.parse> } | { ok: false; reason: string } {
  const m = FRONT_MATTER.exec(text.replace(/^\uFEFF/, ""));
  if (!m) return { ok: false, reason: "no YAML front matter (the file must start with a --- line)" };
  let meta: unknown;
  try {
    meta = parseYaml(m[1]!);
  } catch (e) {
    return { ok: false, reason: `front matter is not valid YAML: ${(e as Error).message.split("\n")[0]}` };
  }
  if (!meta || typeof meta !== "object" || Array.isArray(meta)) return { ok: false, reason: "front matter must be a mapping of fields" };
  // Trailing blank lines are not content: a file's final newline must not count as a change.
  const parsed = kbArticleInputSchema.safeParse({ ...meta, body: text.slice(m.index + m[0].length).replace(/\s+$/, "") });
  if (!parsed.success) {
    const issue = parsed.error.issues[0]!;
    return { ok: false, reason: `${issue.path.join(".") || "front matter"}: ${issue.message}` };
  }
  return { ok: true, input: parsed.data };
}

function markdownFiles(dir: string): string[] {
  return fs.readdirSync(dir, { recursive: true, withFileTypes: true })
    .filter((e) => e.isFile() && e.name.endsWith(".md"))
    .map((e) => path.join(e.parentPath, e.name))
    .sort();
}

type FolderDeps = Pick<Deps, "db" | "now" | "log" | "blobs">;

/** Saves the article with its images in storage first: a row in kb_images keeps each blob. */
async function saveWithImages(deps: FolderDeps, input: ReturnType<typeof kbArticleInputSchema.parse>, images: FolderImage[], actor: string) {
  if (!images.length) return saveArticle(deps, input, actor);
  return storeBlobs(deps, images, async () => {
    await deps.db.insert(kbImages).values(images.map((i) => ({ sha256: i.sha256, contentType: i.contentType, size: i.size, createdAt: deps.now() })))
      .onConflictDoNothing();
    return saveArticle(deps, input, actor);
  });
}

export async function importFolder(deps: FolderDeps, dir: string, actor: string): Promise<ImportReport> {
  const report: ImportReport = { created: 0, updated: 0, unchanged: 0, refused: 0, refusals: [] };
  const seen = new Map<string, string>();
  const refuse = (file: string, reason: string) => { report.refused++; report.refusals.push(`refused ${path.relative(dir, file)}: ${reason}`); };
  for (const file of markdownFiles(dir)) {
    const parsed = parseArticleFile(fs.readFileSync(file, "utf8"));
    if (!parsed.ok) { refuse(file, parsed.reason); continue; }
    const key = `${parsed.input.locale}/${parsed.input.slug}`;
    const earlier = seen.get(key);
    if (earlier) { refuse(file, `${key} is already given by ${path.relative(dir, earlier)}`); continue; }
    seen.set(key, file);
    const resolved = resolveFolderImages(dir, file, parsed.input.body);
    if (!resolved.ok) { refuse(file, resolved.reason); continue; }
    const input = kbArticleInputSchema.safeParse({ ...parsed.input, body: resolved.body });
    if (!input.success) { refuse(file, `body: ${input.error.issues[0]!.message}`); continue; }
    const { outcome } = await saveWithImages(deps, input.data, resolved.images, actor);
    report[outcome satisfies SaveOutcome]++;
  }
  return report;
}

export const importSummary = (r: ImportReport) => `created ${r.created}, updated ${r.updated}, unchanged ${r.unchanged}, refused ${r.refused}`;

export function articleFile(a: Pick<KbArticleView, "slug" | "title" | "locale" | "category" | "tags" | "editions" | "versions" | "visibility" | "translationKey" | "publishAt" | "body">): string {
  const meta = {
    slug: a.slug, title: a.title, locale: a.locale, category: a.category, tags: a.tags, editions: a.editions, versions: a.versions,
    visibility: a.visibility, translationKey: a.translationKey, ...(a.publishAt ? { publishAt: a.publishAt } : {}),
  };
  return `---\n${stringifyYaml(meta)}---\n${a.body}\n`;
}

/** Every article, drafts included, as `<locale>/<slug>.md` with its images in `<locale>/images/`; returns how many were written. */
export async function exportFolder(deps: Pick<Deps, "db" | "now" | "blobs">, dir: string): Promise<number> {
  const all = await listArticles(deps, {}, "editor");
  for (const a of all) {
    const folder = path.join(dir, a.locale);
    fs.mkdirSync(folder, { recursive: true });
    fs.writeFileSync(path.join(folder, `${a.slug}.md`), articleFile({ ...a, body: await exportFolderImages(deps, folder, a.body) }));
  }
  return all.length;
}
