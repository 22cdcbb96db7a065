/**
 * Opens the editor over a picture and resolves with the edited PNG, or null when the user cancels
 * or changes nothing (then the original stays as it was, not re-encoded). The widget calls it in
 * its shadow root (entry.ts), the portal on its page (web/portal/parts/edit-image.ts).
 */
import { render } from "preact";
import { EDITOR_TEXTS } from "../../shared/i18n/editor";
import type { EditRequest } from "../types";
import { Editor, type Picture } from "./Editor";
import { pngName, type Doc } from "./model";
import { exportPng } from "./paint";

/**
 * createImageBitmap rather than an <img>: it decodes the bytes without a URL, so a host page's
 * img-src policy has no say, and it reads PNG, JPEG and GIF (the first frame) alike.
 */
const decode = async (file: Blob): Promise<Picture> => {
  const image = await createImageBitmap(file);
  return { image, size: { w: image.width, h: image.height } };
};

export function editImage({ file, name, lang, parent }: EditRequest): Promise<File | null> {
  const t = EDITOR_TEXTS[lang];
  const root = parent.getRootNode() as Document | ShadowRoot;
  const opener = root.activeElement as HTMLElement | null;
  const box = document.createElement("div");
  box.className = "tdg-ed-root";
  box.lang = lang;
  parent.append(box);
  return new Promise<File | null>((resolve) => {
    let picture: Picture | null | Error = null;
    const close = (result: File | null) => {
      render(null, box);
      box.remove();
      if (picture && !(picture instanceof Error) && "close" in picture.image) picture.image.close();
      opener?.focus();
      resolve(result);
    };
    const done = async (doc: Doc) => {
      const pic = picture as Picture;
      if (!doc.crop && !doc.marks.length) return close(null);
      try {
        const png = await exportPng(pic.image, pic.size, doc);
        close(new File([png], pngName(name), { type: "image/png" }));
      } catch {
        picture = new Error("export");
        show();
      }
    };
    const show = () => render(<Editor t={t} name={name} picture={picture} onDone={(d) => void done(d)} onCancel={() => close(null)} />, box);
    show();
    // A failed decode is handled above (the editor shows it); nothing waits for the repaint.
    void decode(file).then(
      (p) => (picture = p),
      (e: unknown) => (picture = e instanceof Error ? e : new Error(String(e))),
    ).then(show);
  });
}
