/** Copies a text (the widget snippet) and says so; where the clipboard is refused, selects it instead. */
import { useState } from "preact/hooks";
import { useConsole } from "../context";

export function CopyButton({ text, targetId, label }: { text: string; targetId: string; label: string }) {
  const { t, announce } = useConsole();
  const [copied, setCopied] = useState(false);
  const copy = async () => {
    try {
      await navigator.clipboard.writeText(text);
      setCopied(true);
      announce(t.copy.done);
      setTimeout(() => setCopied(false), 3000);
    } catch {
      const el = document.getElementById(targetId);
      if (el) {
        const range = document.createRange();
        range.selectNodeContents(el);
        const sel = getSelection();
        sel?.removeAllRanges();
        sel?.addRange(range);
      }
      announce(t.copy.selected);
    }
  };
  return (
    <button type="button" class="copy" onClick={() => void copy()}>
      {copied ? t.copy.copied : t.copy.copy}<span class="visually-hidden">: {label}</span>
    </button>
  );
}
