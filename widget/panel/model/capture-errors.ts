/**
 * Why a capture failed, in the user's terms. html2canvas throws plain Errors, so the reason is read
 * from the message and the error's name: a tainted canvas is a SecurityError on export, colour
 * functions it cannot parse (oklch, color-mix …) say "unsupported color function", and a canvas
 * too large to export gives no blob at all.
 */
export type CaptureFailure = "tainted" | "style" | "tooLarge" | "other";

export function classifyCaptureError(err: unknown): CaptureFailure {
  const name = (err as { name?: string } | null)?.name ?? "";
  // Whatever was thrown, as text: its message when it has one, else the value itself.
  const thrown: unknown = (err as { message?: unknown } | null)?.message ?? err ?? "";
  const message = String(thrown);
  if (name === "SecurityError" || /tainted|insecure|cross-origin/i.test(message)) return "tainted";
  if (/unsupported (color|colour) function|parse|unsupported/i.test(message)) return "style";
  if (/too large|no blob|memory|size/i.test(message)) return "tooLarge";
  return "other";
}
