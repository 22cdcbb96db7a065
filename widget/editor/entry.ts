/**
 * The editor chunk: the picture editor with its own copy of Preact (each widget bundle is a
 * separate IIFE build, see vite.config.ts), loaded on the first "Edit screenshot". Its styles go
 * into the shadow root once, beside the dialog's.
 */
import { announce } from "../chunk";
import type { EditorModule } from "../types";
import { editImage } from "../../ui/editor/open";
import editorCss from "../../ui/editor/editor.css?inline";

const styled = new WeakSet<object>();

announce({
  editImage(req, adoptStyles) {
    if (!styled.has(adoptStyles)) {
      styled.add(adoptStyles);
      adoptStyles(editorCss);
    }
    return editImage(req);
  },
} satisfies EditorModule);
