/** The attachment rules (CONTRACT §3): what the HTTP and mail layers call. */
export { judgeAttachments, sanitizeFileName, DEFAULT_LIMITS } from "./judge";
export type { AcceptedAttachment, AttachmentKind, AttachmentLimits } from "./judge";
export { inspectZip, DEFAULT_ZIP_LIMITS } from "./archive";
export { inspectRar } from "./rar";
export { findEmbeddedArchive } from "./embedded";
export { nameForKind } from "./names";
export type { ZipEntryInfo, ZipEntryKind, ZipLimits, ZipVerdict } from "./archive";
export { sniff, sniffPrefix, isTextLog } from "./sniff";
export type { SniffedKind } from "./sniff";
