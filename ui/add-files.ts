/**
 * Turns what the user chose, pasted, dropped or captured into attachments the server accepts:
 * PNG, GIF, JPEG, ZIP and RAR as they are, a BMP zipped (SLA 4.7), anything else refused with the
 * server's own words; every addition re-checks the limits over all files.
 */
import type { ZipModule } from "./types";
import { checkLimits, newId, sniffBlob, zipNameFor, type Attachment, type Refusal } from "./files";

export interface AddResult {
  added: Attachment[];
  refusals: Refusal[];
  zipFailures: string[];
}

export async function addFiles(
  incoming: readonly File[],
  existing: readonly Attachment[],
  loadZip: () => Promise<ZipModule>,
  onZipping?: (name: string) => void,
): Promise<AddResult> {
  const added: Attachment[] = [];
  const refusals: Refusal[] = [];
  const zipFailures: string[] = [];
  for (const file of incoming) {
    const kind = await sniffBlob(file);
    let candidate: Attachment;
    if (kind === "unknown") {
      refusals.push({ code: "UNSUPPORTED_ATTACHMENT", params: { fileName: file.name } });
      continue;
    } else if (kind === "bmp") {
      onZipping?.(file.name);
      try {
        const zip = await (await loadZip()).zipOne(file.name, file);
        const name = zipNameFor(file.name);
        candidate = { id: newId(), name, blob: new File([zip], name, { type: "application/zip" }), kind: "zip", zippedFrom: file.name };
      } catch {
        zipFailures.push(file.name);
        continue;
      }
    } else {
      candidate = { id: newId(), name: file.name, blob: file, kind };
    }
    const all = [...existing, ...added, candidate].map((a) => ({ name: a.name, size: a.blob.size }));
    const refusal = checkLimits(all);
    if (refusal) {
      refusals.push(refusal);
      continue;
    }
    added.push(candidate);
  }
  return { added, refusals, zipFailures };
}

/**
 * The edited picture in place of attachment `id`, judged by the same rules and limits (an edited
 * PNG may be larger than the JPEG it came from); when refused, the list stays as it was.
 */
export async function replaceFile(
  files: readonly Attachment[],
  id: string,
  file: File,
  loadZip: () => Promise<ZipModule>,
): Promise<{ files: Attachment[]; refusals: Refusal[] }> {
  const r = await addFiles([file], files.filter((f) => f.id !== id), loadZip);
  const edited = r.added[0];
  return { files: files.map((f) => (f.id === id && edited ? { ...edited, id } : f)), refusals: r.refusals };
}
