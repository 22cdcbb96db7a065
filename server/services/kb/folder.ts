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

/** A file of a docs folder: its path relative to the folder ("/"-separated) and its text. */
export interface ArticleFile { path: string; text: string }

/** The folder's `.md` files, in path order (what import reads; the CLI sends the same to a running server). */
export function readArticleFiles(dir: string): ArticleFile[] {
  return fs.readdirSync(dir, { recursive: true, withFileTypes: true })
    .filter((e) => e.isFile() && e.name.endsWith(".md"))
    .map((e) => path.join(e.parentPath, e.name))
    .sort()
    .map((file) => ({ path: path.relative(dir, file).split(path.sep).join("/"), text: fs.readFileSync(file, "utf8") }));
}

type FolderDeps = Pick<Deps, "db" | "now" | "log" | "blobs">;

/** Saves the article with its images in storage first: a row in kb_images keeps each blob. */
async function saveWithImages(deps: FolderDeps, input: ReturnType<typeof kbArticleInputSchema.parse>, images: FolderImage[], actor: string) {
  if (!images.length) return saveArticle(deps, input, actor);
  return storeBlobs(deps, images.map((i) => ({ sha256: i.sha256, source: i.bytes })), async () => {
    await deps.db.insert(kbImages).values(images.map((i) => ({ sha256: i.sha256, contentType: i.contentType, size: i.size, createdAt: deps.now() })))
      .onConflictDoNothing();
    return saveArticle(deps, input, actor);
  });
}

export const importFolder = (deps: FolderDeps, dir: string, actor: string) => importFiles(deps, readArticleFiles(dir), actor, dir);

/**
 * `dir` is the folder the files were read from, where their images are; without it (files sent
 * to the admin API carry only text) an article showing an image from beside it is refused.
 */
export async function importFiles(deps: FolderDeps, files: readonly ArticleFile[], actor: string, dir?: string): Promise<ImportReport> {
  const report: ImportReport = { created: 0, updated: 0, unchanged: 0, refused: 0, refusals: [] };
  const seen = new Map<string, string>();
  const refuse = (file: string, reason: string) => { report.refused++; report.refusals.push(`refused ${file}: ${reason}`); };
  for (const file of [...files].sort((a, b) => (a.path < b.path ? -1 : a.path > b.path ? 1 : 0))) {
    const parsed = parseArticleFile(file.text);
    if (!parsed.ok) { refuse(file.path, parsed.reason); continue; }
    const key = `${parsed.input.locale}/${parsed.input.slug}`;
    const earlier = seen.get(key);
    if (earlier) { refuse(file.path, `${key} is already given by ${earlier}`); continue; }
    seen.set(key, file.path);
    const resolved = resolveFolderImages(dir ?? null, file.path, parsed.input.body);
    if (!resolved.ok) { refuse(file.path, resolved.reason); continue; }
    const input = kbArticleInputSchema.safeParse({ ...parsed.input, body: resolved.body });
    if (!input.success) { refuse(file.path, `body: ${input.error.issues[0]!.message}`); continue; }
    const { outcome } = await saveWithImages(deps, input.data, resolved.images, actor);
    report[outcome satisfies SaveOutcome]++;
  }
  return report;
}

export const importSummary = (r: ImportReport) => `created ${r.created}, updated ${r.updated}, unchanged ${r.unchanged}, refused ${r.refused}`;

export function articleFile(a: KbArticleView): string {
  const meta = {
    slug: a.slug, title: a.title, locale: a.locale, category: a.category, tags: a.tags, editions: a.editions, versions: a.versions,
    visibility: a.visibility, translationKey: a.translationKey, ...(a.publishAt ? { publishAt: a.publishAt } : {}),
  };
  return `---\n${stringifyYaml(meta)}---\n${a.body}\n`;
}

/** Every article, drafts included, as `<locale>/<slug>.md` files. */
export async function exportFiles(deps: Pick<Deps, "db" | "now">): Promise<ArticleFile[]> {
  return (await listArticles(deps, {}, "editor")).map((a) => ({ path: `${a.locale}/${a.slug}.md`, text: articleFile(a) }));
}

/** Writes exported files under `dir`; a path that would leave it is refused (they may come from a server). */
export function writeArticleFiles(dir: string, files: readonly ArticleFile[]): number {
  const root = path.resolve(dir);
  for (const f of files) {
    const target = path.resolve(root, f.path);
    if (!target.startsWith(root + path.sep)) throw new Error(`${f.path}: not a path inside ${dir}`);
    fs.mkdirSync(path.dirname(target), { recursive: true });
    fs.writeFileSync(target, f.text);
  }
  return files.length;
}

/** Every article, drafts included, as `<locale>/<slug>.md`; returns how many were written. */
export async function exportFolder(deps: Pick<Deps, "db" | "now" | "blobs">, dir: string): Promise<number> {
  const files = await exportFiles(deps);
  // Each file's images beside it, as images/{sha256}.{ext}, which import reads back to the same body.
  for (const f of files) f.text = await exportFolderImages(deps, path.join(dir, path.dirname(f.path)), f.text);
  return writeArticleFiles(dir, files);
}
