/**
 * Single-key shortcuts (j/k, r, n, ?…). A key counts only when nobody is typing: never inside a
 * field, a select or an editable element, never with Ctrl, Alt or Meta (those belong to the
 * browser and to assistive technology), and never while a modal dialog is open.
 */
import { useEffect, useRef } from "preact/hooks";

export type ShortcutMap = Record<string, (e: KeyboardEvent) => void>;

export function isTyping(target: EventTarget | null): boolean {
  if (!(target instanceof Element)) return false;
  if (target.closest("input, textarea, select, [contenteditable=''], [contenteditable='true']")) return true;
  return false;
}

export function shortcutKey(e: KeyboardEvent): string | null {
  if (e.defaultPrevented || e.ctrlKey || e.altKey || e.metaKey || e.isComposing) return null;
  if (isTyping(e.target)) return null;
  if (document.querySelector("dialog[open]")) return null;
  return e.key;
}

/** Listens while the component is mounted; the map may change on every render. */
export function useShortcuts(map: ShortcutMap): void {
  const ref = useRef(map);
  ref.current = map;
  useEffect(() => {
    const onKey = (e: KeyboardEvent) => {
      const key = shortcutKey(e);
      if (key === null) return;
      const fn = ref.current[key];
      if (!fn) return;
      e.preventDefault();
      fn(e);
    };
    document.addEventListener("keydown", onKey);
    return () => document.removeEventListener("keydown", onKey);
  }, []);
}
