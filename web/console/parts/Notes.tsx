/**
 * The outcome of an action, where the action is: an error is an alert (read at once and focused,
 * so a keyboard user lands on it), a success is a polite status.
 */
import { useEffect, useRef } from "preact/hooks";

export function ErrorNote({ message, id }: { message: string | null; id?: string }) {
  const ref = useRef<HTMLParagraphElement>(null);
  useEffect(() => {
    if (message) ref.current?.focus();
  }, [message]);
  if (!message) return null;
  return <p ref={ref} id={id} class="alert" role="alert" tabIndex={-1}>{message}</p>;
}

/** Always in the page (a live region must exist before its text changes to be read). */
export function StatusNote({ message }: { message: string | null }) {
  return <p class={message ? "ok" : "ok empty"} role="status" aria-live="polite">{message ?? ""}</p>;
}
