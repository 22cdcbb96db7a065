import { createHash } from "node:crypto";
import fs from "node:fs";
import path from "node:path";
import type { Deps } from "../../deps";
import { judgeKbImage, KB_MEDIA_REF, kbMediaPath, MAX_KB_IMAGE_BYTES } from "../../domain/kb/media";
import { readBlob } from "../../storage/blob-store";

/**
 * The images an imported article shows from its own folder: `![Settings](images/settings.png)`
 * is read from beside the .md file, judged by its bytes (domain/kb/media.ts) and written into the
 * body as its content address, /help/media/{sha256}.{ext}. The body then names exactly the bytes
 * it shows, so a changed image is a changed article (a revision) and an unchanged one changes
 * nothing. Export writes the images back as images/{sha256}.{ext} beside the files, which imports
 * to the same body again.
 */
export interface FolderImage { sha256: string; bytes: Uint8Array; contentType: string; size: number }

// `![alt](src` or `![alt](<src>`: the source as written; a title after it is left as it was.
const IMAGE = /(!\[(?:[^\]\\]|\\.)*\]\(\s*)(<[^>\n]*>|[^\s)]+)/g;
const HAS_SCHEME = /^[a-z][a-z0-9+.-]*:|^\/\//i;
const KB_MEDIA_ADDRESS = /^\/help\/media\/[0-9a-f]{64}\.(png|gif|jpg)$/;

/**
 * The body with its folder's images as content addresses, and those images; or why the file is
 * refused. `file` is the .md file's path inside `root`; with no root (text sent to the admin API)
 * there are no images to read. An address already in the body (/help/media/…, as a server's export
 * over the API leaves it) stays: it names stored bytes, served only while a public article shows them.
 */
export function resolveFolderImages(root: string | null, file: string, body: string):
  { ok: true; body: string; images: FolderImage[] } | { ok: false; reason: string } {
  const images = new Map<string, FolderImage>();
  const realRoot = root === null ? null : fs.realpathSync(root);
  let reason: string | undefined;
  const out = body.replace(IMAGE, (whole, head: string, raw: string) => {
    if (reason) return whole;
    const src = raw.startsWith("<") ? raw.slice(1, -1) : raw;
    if (HAS_SCHEME.test(src) || src.startsWith("#") || KB_MEDIA_ADDRESS.test(src)) return whole;
    if (realRoot === null) {
      reason = `image ${src}: images beside the Markdown are read only by an import straight into the database (stop the server and import again)`;
      return whole;
    }
    const got = readImage(realRoot, path.join(root!, file), src);
    if (!got.ok) {
      reason = `image ${src}: ${got.reason}`;
      return whole;
    }
    images.set(got.image.sha256, got.image);
    return head + kbMediaPath(got.image.sha256, got.ext);
  });
  return reason ? { ok: false, reason } : { ok: true, body: out, images: [...images.values()] };
}

function readImage(realRoot: string, file: string, src: string) {
  const fail = (reason: string) => ({ ok: false as const, reason });
  let rel: string;
  try {
    rel = decodeURIComponent(src.split(/[?#]/)[0]!);
  } catch {
    return fail("not a valid path");
  }
  if (path.isAbsolute(rel) || rel.startsWith("/") || rel.includes("\\") || rel.split("/").includes("..")) return fail("only paths inside the folder may be used (no .., no absolute path)");
  let real: string;
  try {
    real = fs.realpathSync(path.resolve(path.dirname(file), rel));
  } catch {
    return fail("no such file");
  }
  // A symlink may not lead out of the folder.
  if (path.relative(realRoot, real).startsWith("..") || path.isAbsolute(path.relative(realRoot, real))) return fail("leads outside the folder");
  const stat = fs.statSync(real);
  if (!stat.isFile()) return fail("not a file");
  if (stat.size > MAX_KB_IMAGE_BYTES) return fail(`larger than ${MAX_KB_IMAGE_BYTES / 1024 / 1024} MB`);
  const bytes = fs.readFileSync(real);
  const judged = judgeKbImage(bytes);
  if (!judged.ok) return fail(judged.reason);
  const sha256 = createHash("sha256").update(bytes).digest("hex");
  return { ok: true as const, ext: judged.ext, image: { sha256, bytes, contentType: judged.contentType, size: bytes.length } };
}

/**
 * The body as a file beside `mdDir` shows it: each content address becomes images/{sha256}.{ext},
 * written there from the blob store. An image whose blob is gone keeps its address.
 */
export async function exportFolderImages(deps: Pick<Deps, "blobs">, mdDir: string, body: string): Promise<string> {
  const found = new Map<string, string>();
  for (const m of body.matchAll(KB_MEDIA_REF)) found.set(m[0], `images/${m[1]}.${m[2]}`);
  for (const [address, rel] of found) {
    const bytes = await readBlob(deps.blobs, address.slice("/help/media/".length, "/help/media/".length + 64));
    if (!bytes) {
      found.delete(address);
      continue;
    }
    fs.mkdirSync(path.join(mdDir, "images"), { recursive: true });
    fs.writeFileSync(path.join(mdDir, rel), bytes);
  }
  return body.replace(KB_MEDIA_REF, (m) => found.get(m) ?? m);
}
