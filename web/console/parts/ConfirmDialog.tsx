/**
 * "Are you sure?" before a change that cannot be undone from the page. A native modal <dialog>
 * like the shortcuts help: the browser keeps the focus inside and makes the page behind inert.
 * The focus starts on Cancel, so an Enter pressed out of habit keeps things as they are; Esc
 * cancels too. On cancel the focus goes back to the button that opened it; on confirm the page
 * decides, since that button may be about to disappear.
 */
import { useEffect, useRef } from "preact/hooks";

export interface ConfirmDialogProps {
  title: string;
  text: string;
  confirmLabel: string;
  cancelLabel: string;
  onConfirm: () => void;
  onCancel: () => void;
}

export function ConfirmDialog({ title, text, confirmLabel, cancelLabel, onConfirm, onCancel }: ConfirmDialogProps) {
  const ref = useRef<HTMLDialogElement>(null);
  const cancelRef = useRef<HTMLButtonElement>(null);
  const opener = useRef<HTMLElement | null>(null);
  useEffect(() => {
    opener.current = document.activeElement as HTMLElement | null;
    const d = ref.current!;
    if (typeof d.showModal === "function" && !d.open) d.showModal();
    else d.setAttribute("open", "");
    cancelRef.current?.focus();
  }, []);
  // While the dialog is modal the page behind is inert and cannot take the focus: close it first.
  const shut = () => {
    const d = ref.current;
    if (d?.open) {
      if (typeof d.close === "function") d.close();
      else d.removeAttribute("open");
    }
  };
  const cancel = () => {
    shut();
    opener.current?.focus?.();
    onCancel();
  };
  const confirm = () => {
    shut();
    onConfirm();
  };
  return (
    <dialog
      ref={ref}
      class="confirm-dialog"
      role="alertdialog"
      aria-modal="true"
      aria-labelledby="confirm-title"
      aria-describedby="confirm-text"
      onCancel={(e) => { e.preventDefault(); cancel(); }}
    >
      <h2 id="confirm-title">{title}</h2>
      <p id="confirm-text">{text}</p>
      <div class="buttons">
        <button type="button" ref={cancelRef} onClick={cancel}>{cancelLabel}</button>
        <button type="button" class="danger" onClick={confirm}>{confirmLabel}</button>
      </div>
    </dialog>
  );
}
