/**
 * The outcome of an action, where the action is (both apps): an error is an alert (read at once and
 * focused, so a keyboard user lands on it), a success is a polite status.
 */
import { useEffect, useRef } from "preact/hooks";

/** `focus`: false when the caller moves the focus itself (to the first invalid field). */
export function ErrorNote({ message, id, focus = true }: { message: string | null; id?: string; focus?: boolean }) {
  const ref = useRef<HTMLParagraphElement>(null);
  useEffect(() => {
    if (message && focus) ref.current?.focus();
  }, [message]);
  if (!message) return null;
  return <p ref={ref} id={id} class="alert" role="alert" tabIndex={-1}>{message}</p>;
}

/** Always in the page (a live region must exist before its text changes to be read). */
export function StatusNote({ message }: { message: string | null }) {
  return <p class={message ? "ok" : "ok empty"} role="status" aria-live="polite">{message ?? ""}</p>;
}
