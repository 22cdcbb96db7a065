/**
 * The texts of the capture chunk (widget/capture.ts), apart from the dialog's: only a page whose
 * picture html2canvas could not draw needs them, so the dialog chunk does not carry them.
 */
import type { WidgetLang } from "./widget";

export interface CaptureTexts {
  /** Said before the browser asks, after the reason the page could not be drawn. */
  explain: string;
  /** The button that asks the browser. */
  button: string;
}

export const CAPTURE_TEXTS: Readonly<Record<WidgetLang, CaptureTexts>> = {
  en: {
    explain:
      "Your browser can take the picture instead: after “Capture with the browser” it asks whether this page may see this tab. Allow it, and one picture of the tab is taken, without this dialog; the sharing stops at once.",
    button: "Capture with the browser",
  },
  de: {
    explain:
      "Ihr Browser kann das Bild stattdessen aufnehmen: Nach „Mit dem Browser aufnehmen“ fragt er, ob diese Seite diesen Tab sehen darf. Erlauben Sie es, wird ein Bild des Tabs ohne diesen Dialog aufgenommen; die Freigabe endet sofort.",
    button: "Mit dem Browser aufnehmen",
  },
};
