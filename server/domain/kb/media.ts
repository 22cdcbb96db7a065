import { findEmbeddedArchive } from "../attachments/embedded";
import { sniff } from "../attachments/sniff";

/**
 * Images beside an article's Markdown (docs as code), as the help center serves them: at
 * /help/media/{sha256}.{ext}, the type named by the bytes alone (the attachments' sniffing, which
 * refuses anything glued after an image, and its search for an archive or program hidden inside one). SVG is refused: it is a document that can carry script.
 */
export const MAX_KB_IMAGE_BYTES = 5 * 1024 * 1024;

const TYPES = { png: "image/png", gif: "image/gif", jpg: "image/jpeg" } as const;
export type KbImageExt = keyof typeof TYPES;

export const kbMediaPath = (sha256: string, ext: string) => `/help/media/${sha256}.${ext}`;
/** A media address in an article body; the body is what says which images a public article shows. */
export const KB_MEDIA_REF = /\/help\/media\/([0-9a-f]{64})\.(png|gif|jpg)\b/g;
export const KB_MEDIA_FILE = /^([0-9a-f]{64})\.(png|gif|jpg)$/;

export const contentTypeOf = (ext: KbImageExt) => TYPES[ext];
export const extOf = (contentType: string): KbImageExt | undefined =>
  (Object.keys(TYPES) as KbImageExt[]).find((k) => TYPES[k] === contentType);

/** What an image file is by its content, or why it cannot be shown in an article. */
export function judgeKbImage(bytes: Uint8Array): { ok: true; ext: KbImageExt; contentType: string } | { ok: false; reason: string } {
  if (bytes.length > MAX_KB_IMAGE_BYTES) return { ok: false, reason: `larger than ${MAX_KB_IMAGE_BYTES / 1024 / 1024} MB` };
  const kind = sniff(bytes);
  const ext = kind === "png" ? "png" : kind === "gif" ? "gif" : kind === "jpeg" ? "jpg" : undefined;
  if (!ext) return { ok: false, reason: `not a PNG, GIF or JPEG image by its content (${kind === "unknown" ? "unknown format" : kind})` };
  const hidden = findEmbeddedArchive(bytes);
  if (hidden) return { ok: false, reason: `an image that also carries ${hidden.what} (at byte ${hidden.at})` };
  return { ok: true, ext, contentType: TYPES[ext] };
}
