/**
 * The picture editor's dialog: a view over model.ts. The canvas holds the image at its natural
 * size (CSS scales it to fit), so pointer positions map to image pixels by the canvas's box alone.
 * Keyboard: Tab reaches the tools; choosing one puts a frame on the picture and focus on it; arrow
 * keys move the frame, Shift+arrow keys size it (an arrow's tip), Enter adds it.
 */
import { useEffect, useRef, useState } from "preact/hooks";
import type { EditorTexts } from "../../shared/i18n/editor";
import { commit, defaultDraft, dragDraft, isArrowKey, isTiny, nudge, push, redo, start, toImage, undo, type Doc, type Draft, type Pt, type Size, type Tool } from "./model";
import { paintView } from "./paint";

const TOOLS: readonly Tool[] = ["crop", "highlight", "hide", "arrow"];
const FOCUSABLE = "button:not([disabled]), [tabindex='0']";

export interface Picture { image: CanvasImageSource; size: Size }

interface Props {
  t: EditorTexts;
  name: string;
  /** The decoded picture, or null while it loads; a rejection shows that it cannot be edited. */
  picture: Picture | null | Error;
  onDone: (doc: Doc) => void;
  onCancel: () => void;
}

export function Editor({ t, name, picture, onDone, onCancel }: Props) {
  const [hist, setHist] = useState(start);
  const [tool, setTool] = useState<Tool | null>(null);
  const [draft, setDraft] = useState<Draft | null>(null);
  const [said, say] = useState("");
  const [saving, setSaving] = useState(false);
  const dialog = useRef<HTMLDivElement>(null);
  const canvas = useRef<HTMLCanvasElement>(null);
  const anchor = useRef<Pt | null>(null);
  const pic = picture && !(picture instanceof Error) ? picture : null;
  const size = pic?.size ?? { w: 1, h: 1 };

  useEffect(() => {
    const first = dialog.current!.querySelector<HTMLElement>(FOCUSABLE);
    (first ?? dialog.current!).focus();
  }, [!!pic]);

  useEffect(() => {
    const ctx = canvas.current?.getContext("2d");
    if (ctx && pic) paintView(ctx, pic.image, size, hist.now, draft);
  }, [pic, hist, draft]);

  const choose = (next: Tool) => {
    setTool(next);
    setDraft(defaultDraft(next, hist.now, size));
    canvas.current?.focus();
  };
  const add = (d: Draft) => {
    setDraft(null);
    if (isTiny(d)) return;
    setHist((h) => push(h, commit(h.now, d)));
    say(d.tool === "crop" ? t.cropped(d.r.w, d.r.h) : t.added(t.tool[d.tool]));
  };
  const step = (back: boolean) => {
    if (saving || !(back ? hist.past.length : hist.future.length)) return;
    setDraft(null);
    setHist(back ? undo : redo);
    say(back ? t.undone : t.redone);
  };
  const done = () => {
    setSaving(true);
    onDone(hist.now);
  };

  const onDialogKey = (e: KeyboardEvent) => {
    const mod = e.ctrlKey || e.metaKey;
    if (e.key === "Escape") {
      e.preventDefault();
      e.stopPropagation();
      onCancel();
    } else if (mod && (e.key === "z" || e.key === "Z" || e.key === "y")) {
      e.preventDefault();
      step(e.key === "z" && !e.shiftKey);
    } else if (e.key === "Tab") {
      const list = Array.from(dialog.current!.querySelectorAll<HTMLElement>(FOCUSABLE));
      const active = (dialog.current!.getRootNode() as Document | ShadowRoot).activeElement as HTMLElement;
      const edge = e.shiftKey ? list[0] : list[list.length - 1];
      if (active === edge || !list.includes(active)) {
        e.preventDefault();
        (e.shiftKey ? list[list.length - 1] : list[0])?.focus();
      }
    }
  };
  const onCanvasKey = (e: KeyboardEvent) => {
    if (isArrowKey(e.key)) {
      e.preventDefault();
      if (!tool) return say(t.chooseTool);
      setDraft((d) => (d ? nudge(d, e.key as Parameters<typeof nudge>[1], e.shiftKey, size) : defaultDraft(tool, hist.now, size)));
    } else if ((e.key === "Enter" || e.key === " ") && draft) {
      e.preventDefault();
      add(draft);
    }
  };
  const at = (e: PointerEvent) => toImage(e.clientX, e.clientY, canvas.current!.getBoundingClientRect(), size);
  const onDown = (e: PointerEvent) => {
    if (e.button !== 0) return;
    if (!tool) return say(t.chooseTool);
    canvas.current!.setPointerCapture?.(e.pointerId);
    anchor.current = at(e);
    setDraft(dragDraft(tool, anchor.current, anchor.current, size));
  };
  const onMove = (e: PointerEvent) => anchor.current && tool && setDraft(dragDraft(tool, anchor.current, at(e), size));
  const onUp = (e: PointerEvent) => {
    if (!anchor.current || !tool) return;
    const d = dragDraft(tool, anchor.current, at(e), size);
    anchor.current = null;
    add(d);
  };

  const status = saving
    ? t.saving
    : draft
      ? draft.tool === "arrow"
        ? t.arrowAt(draft.from.x, draft.from.y, draft.to.x, draft.to.y)
        : t.rect(t.tool[draft.tool], draft.r.w, draft.r.h, draft.r.x, draft.r.y)
      : said;
  const area = hist.now.crop ?? { w: size.w, h: size.h };
  return (
    <div class="tdg-ed-backdrop">
      <div ref={dialog} class="tdg-ed" role="dialog" aria-modal="true" aria-labelledby="tdg-ed-title" aria-describedby="tdg-ed-hint" tabIndex={-1} onKeyDown={onDialogKey}>
        <div class="tdg-ed-head">
          <h2 id="tdg-ed-title">{t.title}</h2>
          <span class="tdg-ed-name">{pic ? `${name}, ${t.size(area.w, area.h)}` : name}</span>
        </div>
        {picture instanceof Error ? (
          <p class="tdg-ed-error" role="alert">{t.loadFailed}</p>
        ) : (
          <>
            <div class="tdg-ed-tools" role="group" aria-label={t.tools}>
              {TOOLS.map((k) => (
                <button key={k} type="button" aria-pressed={tool === k ? "true" : "false"} disabled={!pic || saving} onClick={() => choose(k)}>
                  {t.tool[k]}
                </button>
              ))}
              <span class="tdg-ed-sep" />
              {/* aria-disabled, not disabled: a button that disables itself when pressed would drop the focus. */}
              <button type="button" aria-disabled={hist.past.length ? undefined : "true"} onClick={() => step(true)}>{t.undo}</button>
              <button type="button" aria-disabled={hist.future.length ? undefined : "true"} onClick={() => step(false)}>{t.redo}</button>
            </div>
            <p class="tdg-ed-hint" id="tdg-ed-hint">{t.hint}</p>
            <div class="tdg-ed-stage">
              {pic && (
                <canvas
                  ref={canvas}
                  width={size.w}
                  height={size.h}
                  tabIndex={0}
                  role="application"
                  aria-label={t.picture}
                  aria-describedby="tdg-ed-hint"
                  class={tool ? "tdg-ed-canvas drawing" : "tdg-ed-canvas"}
                  onKeyDown={onCanvasKey}
                  onPointerDown={onDown}
                  onPointerMove={onMove}
                  onPointerUp={onUp}
                  onPointerCancel={() => { anchor.current = null; setDraft(null); }}
                />
              )}
            </div>
          </>
        )}
        <div class="tdg-ed-foot">
          <p class="tdg-ed-status" role="status" aria-live="polite">{status}</p>
          <button type="button" onClick={onCancel}>{t.cancel}</button>
          <button type="button" class="primary" disabled={!pic || saving} onClick={done}>{t.done}</button>
        </div>
      </div>
    </div>
  );
}
