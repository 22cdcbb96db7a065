/** Mail the spam filter held back; releasing one processes it as if it had passed. */
import { useEffect, useState } from "preact/hooks";
import type { HeldMail } from "../../api";
import { formatWhen } from "../../clock";
import { useConsole, useTitle } from "../../context";
import { formatTid } from "../../format";
import { formatSize } from "../../../shared/format";
import { ErrorNote } from "../../parts/Notes";
import { useAction } from "./useAction";
import { Email } from "../../parts/Email";

export function SpamPage() {
  const { t, api, locale } = useConsole();
  useTitle(t.admin.pages.spam);
  const [items, setItems] = useState<HeldMail[] | null>(null);
  const release = useAction({ inPage: true });
  const load = async () => {
    const r = await api.spam();
    setItems(r.ok ? r.data.items : []);
  };
  useEffect(() => void load(), []);

  const free = async (m: HeldMail) => {
    if (await release.run(() => api.releaseSpam(m.id), (d) => (d.tid ? t.spam.releasedTo(formatTid(d.tid)) : t.spam.released))) void load();
  };

  return (
    <>
      <h1 tabIndex={-1}>{t.admin.pages.spam}</h1>
      <p class="lead">{t.spam.intro}</p>
      <ErrorNote message={release.error} />
      <p role="status" class="ok">{release.done ?? ""}</p>
      {!items && <p role="status">{t.loading}</p>}
      {items && items.length === 0 && <p class="panel empty-state">{t.spam.none}</p>}
      {items && items.length > 0 && (
        <div class="table-wrap">
          <table>
            <caption class="visually-hidden">{t.admin.pages.spam}</caption>
            <thead><tr><th scope="col">{t.spam.received}</th><th scope="col">{t.spam.from}</th><th scope="col">{t.spam.subject}</th><th scope="col">{t.spam.reason}</th><th scope="col">{t.spam.size}</th><th scope="col"><span class="visually-hidden">{t.admin.actions}</span></th></tr></thead>
            <tbody>
              {items.map((m) => (
                <tr key={m.id}>
                  <th scope="row"><time dateTime={m.receivedAt}>{formatWhen(m.receivedAt, locale)}</time></th>
                  <td class="email"><Email address={m.from ?? ""} /></td>
                  <td>{m.subject ?? ""}</td>
                  <td>{m.reason ?? ""}</td>
                  <td>{formatSize(m.size, locale)}</td>
                  <td><button type="button" disabled={release.busy} onClick={() => void free(m)}>{t.spam.release}<span class="visually-hidden"> {m.subject ?? m.from ?? ""}</span></button></td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
    </>
  );
}
