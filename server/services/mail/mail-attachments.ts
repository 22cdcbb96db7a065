import { judgeAttachments, type AcceptedAttachment } from "../../domain/attachments/judge";
import { DEFAULT_LIMITS, sanitizeFileName } from "../../domain/attachments/judge";
import { Rejection } from "../../domain/rejection";

export interface MailFileVerdict {
  accepted: AcceptedAttachment[];
  refused: { name: string; reason: string; code?: string }[];
}

/**
 * The API's attachment rules, applied file by file: a mail is never dropped for one bad file. The
 * ticket is made with what passes, and the acknowledgement tells the sender what was refused and why.
 */
export async function judgeMailAttachments(files: { name: string; bytes: Buffer }[]): Promise<MailFileVerdict> {
  const accepted: AcceptedAttachment[] = [];
  const refused: MailFileVerdict["refused"] = [];
  let total = 0;
  for (const f of files) {
    const name = sanitizeFileName(f.name);
    if (accepted.length >= DEFAULT_LIMITS.maxFiles) {
      refused.push({ name, code: "TOO_MANY_ATTACHMENTS", reason: `Only ${DEFAULT_LIMITS.maxFiles} files are kept per message.` });
      continue;
    }
    if (total + f.bytes.length > DEFAULT_LIMITS.maxTotalBytes) {
      refused.push({ name, code: "ATTACHMENT_TOO_LARGE", reason: "The files of one message may total at most 25 MiB." });
      continue;
    }
    try {
      const [ok] = await judgeAttachments([f]);
      accepted.push(ok!);
      total += f.bytes.length;
    } catch (e) {
      if (!(e instanceof Rejection)) throw e;
      refused.push({ name, code: e.code, reason: e.message });
    }
  }
  return { accepted, refused };
}
