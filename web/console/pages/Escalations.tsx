/** Supervisors: what clients escalated (SLA 5), oldest first, each marked handled once dealt with. */
import { useEffect, useState } from "preact/hooks";
import { linkHandler } from "../../shared/router";
import type { OpenEscalation } from "../api";
import { formatWhen } from "../clock";
import { canSupervise, useConsole, useTitle } from "../context";
import { formatTid, levelText, statusText } from "../format";
import { errorText } from "../i18n";
import { paths } from "../routes";
import { ErrorNote } from "../parts/Notes";
import { Forbidden } from "./NotFound";
import { Email } from "../parts/Email";

export function Escalations() {
  const { t, api, lang, locale, announce, me } = useConsole();
  useTitle(t.escalations.title);
  const [items, setItems] = useState<OpenEscalation[] | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState<number | null>(null);

  const load = async () => {
    const r = await api.escalations();
    if (r.ok) setItems(r.data.items);
    else setError(errorText(lang, r.error));
  };
  useEffect(() => void load(), []);
  if (!canSupervise(me)) return <Forbidden />;

  const handled = async (e: OpenEscalation) => {
    setBusy(e.id);
    const r = await api.handleEscalation(e.id);
    setBusy(null);
    if (!r.ok) return setError(errorText(lang, r.error));
    announce(t.escalations.handled(formatTid(e.ticket.tid)));
    await load();
    document.querySelector<HTMLElement>("main h1")?.focus();
  };

  return (
    <>
      <h1 tabIndex={-1}>{t.escalations.title}</h1>
      <p class="lead">{t.escalations.intro}</p>
      <ErrorNote message={error} />
      {!items && !error && <p role="status">{t.loading}</p>}
      {items && items.length === 0 && <p class="panel empty-state">{t.escalations.none}</p>}
      {items && items.length > 0 && (
        <div class="table-wrap">
          <table>
            <caption class="visually-hidden">{t.escalations.title}</caption>
            <thead>
              <tr>
                <th scope="col">{t.queue.ticket}</th>
                <th scope="col">{t.escalations.reason}</th>
                <th scope="col">{t.escalations.by}</th>
                <th scope="col">{t.escalations.target}</th>
                <th scope="col">{t.escalations.when}</th>
                <th scope="col"><span class="visually-hidden">{t.escalations.action}</span></th>
              </tr>
            </thead>
            <tbody>
              {items.map((e) => (
                <tr key={e.id}>
                  <th scope="row">
                    <a href={paths.ticket(e.ticket.tid)} onClick={linkHandler(paths.ticket(e.ticket.tid))}>{formatTid(e.ticket.tid)}</a>
                    <span class="subject">{e.ticket.subject}</span>
                    <span class="hint">{levelText(e.ticket.slaLevel, lang)} · {statusText(t, e.ticket.status)}</span>
                  </th>
                  <td class="body">{e.reason}</td>
                  <td class="email"><Email address={e.byEmail} /></td>
                  <td>{t.escalations.targets[e.target] ?? e.target}</td>
                  <td><time dateTime={e.createdAt}>{formatWhen(e.createdAt, locale)}</time></td>
                  <td>
                    <button type="button" disabled={busy === e.id} onClick={() => void handled(e)}>
                      {t.escalations.mark}<span class="visually-hidden">: {formatTid(e.ticket.tid)}</span>
                    </button>
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
    </>
  );
}
