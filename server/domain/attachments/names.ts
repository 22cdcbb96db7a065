/**
 * File names as we store and serve them. The name is the uploader's to choose, but the extension
 * is not: a file is opened by the program its extension names, so it must name what the bytes
 * are. A JPEG uploaded as "screenshot.zip" is stored and served as "screenshot.jpg".
 */
import type { AttachmentKind } from "./judge";

const MAX_NAME = 200;
// Control characters, plus the bidi overrides that make "gpj.exe" display as "exe.jpg".
const UNSAFE_CHARS = /[\p{Cc}\u200e\u200f\u202a-\u202e\u2066-\u2069]/gu;

/** The usual extensions of each kind, the first being the one we give. */
const EXTENSIONS: Record<AttachmentKind, readonly string[]> = {
  png: ["png", "apng"],
  gif: ["gif"],
  jpeg: ["jpg", "jpeg", "jpe", "jfif"],
  zip: ["zip"],
  rar: ["rar"],
};

/** Keeps at most `max` characters, keeping a short extension so the name still opens the right program. */
function shorten(base: string, max: number): string {
  const chars = Array.from(base);
  if (chars.length <= max) return base;
  const dot = base.lastIndexOf(".");
  const ext = dot > 0 && base.length - dot <= 16 ? base.slice(dot) : "";
  return Array.from(base.slice(0, base.length - ext.length)).slice(0, max - ext.length).join("") + ext;
}

/** A name safe to store and show: the last path segment, no control characters, at most 200 characters. */
export function sanitizeFileName(name: string): string {
  const base = (name.split(/[/\\]/).pop() ?? "").replace(UNSAFE_CHARS, "").normalize("NFC").trim();
  if (base === "" || /^\.+$/.test(base)) return "attachment";
  return shorten(base, MAX_NAME);
}

/** The sanitised name with the extension of what the file is: kept when it fits, else replaced. */
export function nameForKind(name: string, kind: AttachmentKind): string {
  const clean = sanitizeFileName(name);
  const dot = clean.lastIndexOf(".");
  const ext = dot > 0 ? clean.slice(dot + 1).toLowerCase() : "";
  const allowed = EXTENSIONS[kind];
  if (allowed.includes(ext)) return clean;
  // A short alphanumeric ending is an extension to replace; anything else is part of the name.
  const stem = /^[a-z0-9]{1,10}$/.test(ext) ? clean.slice(0, dot) : clean;
  const wanted = `.${allowed[0]}`;
  return shorten(stem, MAX_NAME - wanted.length) + wanted;
}
