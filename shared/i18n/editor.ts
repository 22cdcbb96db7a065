/**
 * The picture editor's texts, English and German (the widget and the portal share the editor).
 * Apart from the widget's dictionary so that only the editor's lazy chunk carries them; the
 * "Edit screenshot" button that opens it is in each side's own texts. English accessible names
 * are fixed by issue 14.
 */
import type { WidgetLang } from "./widget";

export interface EditorTexts {
  title: string;
  tools: string;
  /** The tools by the names ui/editor/model.ts gives them. */
  tool: Record<"crop" | "highlight" | "hide" | "arrow", string>;
  undo: string;
  redo: string;
  done: string;
  cancel: string;
  picture: string;
  hint: string;
  rect: (tool: string, w: number, h: number, x: number, y: number) => string;
  arrowAt: (x1: number, y1: number, x2: number, y2: number) => string;
  added: (tool: string) => string;
  cropped: (w: number, h: number) => string;
  undone: string;
  redone: string;
  chooseTool: string;
  size: (w: number, h: number) => string;
  loadFailed: string;
  saving: string;
}

export const EDITOR_TEXTS: Readonly<Record<WidgetLang, EditorTexts>> = {
  en: {
    title: "Edit screenshot",
    tools: "Tools",
    tool: { crop: "Crop", highlight: "Highlight", hide: "Hide", arrow: "Arrow" },
    undo: "Undo",
    redo: "Redo",
    done: "Done",
    cancel: "Cancel",
    picture: "Picture",
    hint: "Choose a tool, then drag across the picture. With the keyboard: arrow keys move the frame, Shift with arrow keys changes its size (for an arrow: moves its tip), Enter adds it. Hide paints the area black for good.",
    rect: (tool, w, h, x, y) => `${tool}: ${w} × ${h} pixels at ${x}, ${y}. Enter adds it.`,
    arrowAt: (x1, y1, x2, y2) => `Arrow from ${x1}, ${y1} to ${x2}, ${y2}. Enter adds it.`,
    added: (tool) => `${tool} added.`,
    cropped: (w, h) => `Cropped to ${w} × ${h} pixels.`,
    undone: "Undone.",
    redone: "Redone.",
    chooseTool: "Choose a tool first: Crop, Highlight, Hide or Arrow.",
    size: (w, h) => `${w} × ${h} pixels`,
    loadFailed: "This picture could not be opened for editing.",
    saving: "Saving…",
  },
  de: {
    title: "Screenshot bearbeiten",
    tools: "Werkzeuge",
    tool: { crop: "Zuschneiden", highlight: "Hervorheben", hide: "Schwärzen", arrow: "Pfeil" },
    undo: "Rückgängig",
    redo: "Wiederholen",
    done: "Fertig",
    cancel: "Abbrechen",
    picture: "Bild",
    hint: "Wählen Sie ein Werkzeug und ziehen Sie dann über das Bild. Mit der Tastatur: Pfeiltasten verschieben den Rahmen, Umschalt mit Pfeiltasten ändert seine Größe (beim Pfeil: bewegt die Spitze), Eingabe fügt ihn hinzu. „Schwärzen“ übermalt die Stelle endgültig.",
    rect: (tool, w, h, x, y) => `${tool}: ${w} × ${h} Pixel bei ${x}, ${y}. Eingabe fügt es hinzu.`,
    arrowAt: (x1, y1, x2, y2) => `Pfeil von ${x1}, ${y1} nach ${x2}, ${y2}. Eingabe fügt ihn hinzu.`,
    added: (tool) => `${tool}: hinzugefügt.`,
    cropped: (w, h) => `Zugeschnitten auf ${w} × ${h} Pixel.`,
    undone: "Rückgängig gemacht.",
    redone: "Wiederholt.",
    chooseTool: "Wählen Sie zuerst ein Werkzeug: Zuschneiden, Hervorheben, Schwärzen oder Pfeil.",
    size: (w, h) => `${w} × ${h} Pixel`,
    loadFailed: "Dieses Bild konnte nicht zum Bearbeiten geöffnet werden.",
    saving: "Wird gespeichert…",
  },
};
