/**
 * Screenshots and files for a new ticket or a reply, by the widget's rules (ui/files.ts, ui/add-files.ts):
 * the type is judged by the first bytes, a BMP is zipped in the browser, and the limits are checked
 * over all files before upload, refusals worded like the server's. Paste adds images too (the
 * form passes its paste events to `add`).
 */
import { useRef, useState } from "preact/hooks";
import { addFiles, replaceFile } from "../../../ui/add-files";
import type { Attachment } from "../../../ui/files";
import { errorText, fieldTexts } from "../../shared/i18n";
import { formatSize } from "../../shared/format";
import { usePortal } from "../context";

const loadZip = () => import("../../../shared/zip-one");
const loadEditor = () => import("./edit-image");
const IMAGES: readonly string[] = ["png", "gif", "jpeg"];

export function useAttachments() {
  const { lang, t } = usePortal();
  const [files, setFiles] = useState<Attachment[]>([]);
  const [notices, setNotices] = useState<string[]>([]);
  const [busy, setBusy] = useState<string | null>(null);
  const current = useRef(files);
  current.current = files;
  return {
    files,
    notices,
    busy,
    async add(incoming: File[]) {
      if (!incoming.length) return;
      const r = await addFiles(incoming, current.current, loadZip, (name) => setBusy(t.files.zipping(name)));
      setBusy(null);
      setFiles((prev) => [...prev, ...r.added]);
      setNotices([...r.refusals.map((x) => errorText(lang, x, x.params)), ...r.zipFailures.map((n) => fieldTexts(lang).zipFailed(n))]);
    },
    remove: (id: string) => setFiles((prev) => prev.filter((f) => f.id !== id)),
    /** The picture editor over one image; the edited PNG takes its place. */
    async edit(f: Attachment) {
      try {
        const file = await (await loadEditor()).editImage({ file: f.blob, name: f.name, lang, parent: document.body });
        if (!file) return;
        const r = await replaceFile(current.current, f.id, file, loadZip);
        setFiles(r.files);
        setNotices(r.refusals.map((x) => errorText(lang, x, x.params)));
      } catch {
        setNotices([fieldTexts(lang).editFailed]);
      }
    },
    clear() {
      setFiles([]);
      setNotices([]);
    },
    /** The file the server named in `attachments[2]`, for its error message. */
    named: (field: string | undefined) => {
      const i = /^attachments\[(\d+)\]$/.exec(field ?? "")?.[1];
      return i === undefined ? undefined : current.current[Number(i)];
    },
  };
}

export type AttachmentsState = ReturnType<typeof useAttachments>;

export function FilePicker({ id, state, disabled }: { id: string; state: AttachmentsState; disabled?: boolean }) {
  const { t, locale, lang } = usePortal();
  const input = useRef<HTMLInputElement>(null);
  return (
    <div class="group" role="group" aria-labelledby={`${id}-legend`} aria-describedby={`${id}-hint`}>
      <span class="legend" id={`${id}-legend`}>{t.files.label}</span>
      <span class="hint" id={`${id}-hint`}>{t.files.hint}</span>
      <input
        ref={input}
        id={id}
        type="file"
        multiple
        hidden
        tabIndex={-1}
        accept="image/png,image/gif,image/jpeg,image/bmp,.bmp,.zip,.rar"
        onChange={(e) => {
          const el = e.currentTarget;
          if (el.files?.length) void state.add(Array.from(el.files));
          el.value = "";
        }}
      />
      <button type="button" disabled={disabled} onClick={() => input.current?.click()}>{t.files.choose}</button>
      {state.busy && <p class="hint" role="status">{state.busy}</p>}
      {state.files.length > 0 && (
        <ul class="files">
          {state.files.map((f) => (
            <li key={f.id}>
              <span class="name" id={`${id}-n-${f.id}`}>{f.name}</span>
              <span class="meta">{f.zippedFrom ? `${formatSize(f.blob.size, locale)}, ${t.files.zipped(f.zippedFrom)}` : formatSize(f.blob.size, locale)}</span>
              {IMAGES.includes(f.kind) && (
                <button type="button" class="edit" aria-describedby={`${id}-n-${f.id}`} disabled={disabled} onClick={() => void state.edit(f)}>
                  {fieldTexts(lang).editImage}
                </button>
              )}
              <button type="button" class="icon" aria-label={t.files.remove(f.name)} title={t.files.remove(f.name)} disabled={disabled} onClick={() => state.remove(f.id)}>
                <span aria-hidden="true">×</span>
              </button>
            </li>
          ))}
        </ul>
      )}
      {state.notices.length > 0 && (
        <ul class="notices" role="alert">
          {state.notices.map((n, i) => <li key={i}>{n}</li>)}
        </ul>
      )}
    </div>
  );
}

/** Files from a paste event (a screenshot from the clipboard), for the form's onPaste. */
export function pastedFiles(e: ClipboardEvent): File[] {
  return Array.from(e.clipboardData?.files ?? []);
}
