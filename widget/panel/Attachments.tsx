/**
 * Screenshots and files: choose, capture, and the list of what will be sent. Paste and drop are
 * caught on the whole dialog (Widget.tsx); they end in the same onFiles.
 */
import { useRef } from "preact/hooks";
import type { WidgetTexts } from "../../shared/i18n/widget";
import type { Attachment } from "../../ui/files";

interface Props {
  t: WidgetTexts;
  files: readonly Attachment[];
  notices: readonly string[];
  busy: string | null;
  capturing: boolean;
  onFiles: (files: File[]) => void;
  onCapture: () => void;
  /** The label of the browser's own capture, offered after the page could not be drawn. */
  offer?: string;
  onOffer: () => void;
  onRemove: (id: string) => void;
  onEdit: (f: Attachment) => void;
}

const IMAGES: readonly string[] = ["png", "gif", "jpeg"];

function size(bytes: number, locale: string): string {
  const nf = new Intl.NumberFormat(locale, { maximumFractionDigits: 1 });
  return bytes < 1024 * 1024 ? `${nf.format(Math.max(1, Math.round(bytes / 1024)))} KB` : `${nf.format(bytes / 1024 / 1024)} MB`;
}

export function Attachments({ t, files, notices, busy, capturing, onFiles, onCapture, offer, onOffer, onRemove, onEdit }: Props) {
  const input = useRef<HTMLInputElement>(null);
  return (
    <div class="group" role="group" aria-labelledby="tdg-files-legend" aria-describedby="tdg-files-hint">
      <span class="legend" id="tdg-files-legend">{t.files}</span>
      <span class="hint" id="tdg-files-hint">{t.filesHint}</span>
      <input
        ref={input}
        type="file"
        multiple
        hidden
        tabIndex={-1}
        accept="image/png,image/gif,image/jpeg,image/bmp,.bmp,.zip,.rar"
        onChange={(e) => {
          const el = e.currentTarget;
          if (el.files?.length) onFiles(Array.from(el.files));
          el.value = "";
        }}
      />
      <div class="buttons">
        <button type="button" onClick={() => input.current?.click()}>{t.attach}</button>
        <button type="button" onClick={onCapture} disabled={capturing} aria-disabled={capturing ? "true" : undefined}>
          {capturing ? t.capturing : t.capture}
        </button>
        {offer && <button type="button" onClick={onOffer} disabled={capturing}>{offer}</button>}
      </div>
      {busy && <p class="hint">{busy}</p>}
      {files.length > 0 && (
        <ul class="files">
          {files.map((f) => (
            <li key={f.id}>
              <span class="name" id={`tdg-n-${f.id}`} title={f.name}>{f.name}</span>
              <span class="meta">{f.zippedFrom ? `${size(f.blob.size, t.locale)}, ${t.zipped(f.zippedFrom)}` : size(f.blob.size, t.locale)}</span>
              {IMAGES.includes(f.kind) && <button type="button" class="link edit" aria-describedby={`tdg-n-${f.id}`} onClick={() => onEdit(f)}>{t.editImage}</button>}
              <button type="button" class="icon" aria-label={t.remove(f.name)} title={t.remove(f.name)} onClick={() => onRemove(f.id)}>
                <span aria-hidden="true">×</span>
              </button>
            </li>
          ))}
        </ul>
      )}
      {notices.length > 0 && (
        <ul class="notices" role="alert">
          {notices.map((n, i) => <li key={i}>{n}</li>)}
        </ul>
      )}
    </div>
  );
}
