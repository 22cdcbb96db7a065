/**
 * The modal shell: labelled dialog, focus kept inside (Tab wraps, focus that escapes to the host
 * page is pulled back), Esc closes. Focus returns to the launcher in Widget.tsx's close().
 */
import type { ComponentChildren, JSX } from "preact";
import { useEffect, useRef } from "preact/hooks";

const FOCUSABLE = "a[href], button:not([disabled]), input:not([disabled]):not([type='hidden']), select:not([disabled]), textarea:not([disabled]), summary, [tabindex]:not([tabindex='-1'])";

export function focusables(root: HTMLElement): HTMLElement[] {
  return Array.from(root.querySelectorAll<HTMLElement>(FOCUSABLE)).filter((el) => !el.hidden && !el.closest("[hidden]") && !el.closest("details:not([open]) > :not(summary)"));
}

function activeIn(root: HTMLElement): Element | null {
  const r = root.getRootNode() as Document | ShadowRoot;
  return r.activeElement;
}

interface Props {
  titleId: string;
  /** The element to focus on opening; else the first field. */
  initialFocusId?: string;
  describedBy?: string;
  onClose(): void;
  hostElement: HTMLElement;
  dragging?: boolean;
  onDragOver?: JSX.DragEventHandler<HTMLDivElement>;
  onDragLeave?: JSX.DragEventHandler<HTMLDivElement>;
  onDrop?: JSX.DragEventHandler<HTMLDivElement>;
  onPaste?: JSX.ClipboardEventHandler<HTMLDivElement>;
  children: ComponentChildren;
}

export function Dialog(p: Props) {
  const ref = useRef<HTMLDivElement>(null);

  useEffect(() => {
    const el = ref.current!;
    const wanted = p.initialFocusId ? el.querySelector<HTMLElement>(`#${p.initialFocusId}`) : null;
    (wanted ?? focusables(el).find((f) => f.matches("input, textarea, select")) ?? focusables(el)[0])?.focus();
    // Focus that lands outside the widget (a click-less jump by assistive tech) comes back.
    // (Focus inside the shadow root reaches the document retargeted to the host element.)
    const onFocusIn = (e: FocusEvent) => {
      const target = e.target as Node;
      if (target === p.hostElement || p.hostElement.contains(target) || el.contains(target)) return;
      (focusables(el)[0] ?? el).focus();
    };
    document.addEventListener("focusin", onFocusIn);
    return () => document.removeEventListener("focusin", onFocusIn);
  }, []);

  const onKeyDown = (e: KeyboardEvent) => {
    if (e.key === "Escape") {
      e.preventDefault();
      e.stopPropagation();
      p.onClose();
      return;
    }
    if (e.key !== "Tab") return;
    const list = focusables(ref.current!);
    if (!list.length) return;
    const first = list[0]!;
    const last = list[list.length - 1]!;
    const active = activeIn(ref.current!);
    if (e.shiftKey && (active === first || !ref.current!.contains(active))) {
      e.preventDefault();
      last.focus();
    } else if (!e.shiftKey && (active === last || !ref.current!.contains(active))) {
      e.preventDefault();
      first.focus();
    }
  };

  return (
    <div class="backdrop">
      <div
        ref={ref}
        class={p.dragging ? "dialog dragging" : "dialog"}
        role="dialog"
        aria-modal="true"
        aria-labelledby={p.titleId}
        aria-describedby={p.describedBy}
        tabIndex={-1}
        onKeyDown={onKeyDown}
        onDragOver={p.onDragOver}
        onDragLeave={p.onDragLeave}
        onDrop={p.onDrop}
        onPaste={p.onPaste}
      >
        {p.children}
      </div>
    </div>
  );
}
