/**
 * What the UI kit's parts take from whoever mounts them: the widget passes its lazy chunks, the
 * portal its own imports. widget/types.ts re-exports these as part of its chunk contract.
 */
import type { WidgetLang } from "../shared/i18n/widget";

export interface ZipModule {
  /** One file in a ZIP archive whose bytes the server accepts (see widget/zip.ts for the ratio rule). */
  zipOne(name: string, data: Blob): Promise<Blob>;
}

export interface EditRequest {
  file: Blob;
  name: string;
  lang: WidgetLang;
  /** Where the editor's dialog goes: the widget's shadow root, or the page's body. */
  parent: ShadowRoot | HTMLElement;
}
