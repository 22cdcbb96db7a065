/**
 * The list of keyboard shortcuts ("?"). A native modal <dialog>: the browser keeps the focus
 * inside it, Esc closes it, and the page behind is inert. Focus returns to where it was.
 */
import { useEffect, useRef } from "preact/hooks";
import type { ConsoleTexts } from "../i18n";

export function HelpDialog({ t, onClose }: { t: ConsoleTexts; onClose: () => void }) {
  const ref = useRef<HTMLDialogElement>(null);
  useEffect(() => {
    const before = document.activeElement as HTMLElement | null;
    const d = ref.current!;
    if (typeof d.showModal === "function" && !d.open) d.showModal();
    else d.setAttribute("open", "");
    d.querySelector<HTMLElement>("button")?.focus();
    return () => before?.focus?.();
  }, []);
  return (
    <dialog ref={ref} class="help" aria-labelledby="help-title" onClose={onClose} onCancel={(e) => { e.preventDefault(); onClose(); }}>
      <div class="help-head">
        <h2 id="help-title">{t.help.title}</h2>
        <button type="button" onClick={onClose}>{t.help.close}</button>
      </div>
      {t.help.groups.map((g) => (
        <section key={g.title} aria-label={g.title}>
          <h3>{g.title}</h3>
          <dl class="keys">
            {g.keys.map(([k, what]) => (
              <div key={k}>
                <dt><kbd>{k}</kbd></dt>
                <dd>{what}</dd>
              </div>
            ))}
          </dl>
        </section>
      ))}
    </dialog>
  );
}
