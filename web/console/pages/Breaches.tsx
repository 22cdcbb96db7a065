/** Supervisors: tickets whose maximum response time passed without an answer, with their assignee. */
import { useEffect, useState } from "preact/hooks";
import { linkHandler } from "../../shared/router";
import type { BreachedTicket } from "../api";
import { clockState, formatWhen } from "../clock";
import { canSupervise, useConsole, useTitle } from "../context";
import { formatTid, levelText, statusText } from "../format";
import { errorText } from "../i18n";
import { paths } from "../routes";
import { DueText } from "../parts/Due";
import { ErrorNote } from "../parts/Notes";
import { Forbidden } from "./NotFound";
import { Email } from "../parts/Email";

export function Breaches() {
  const { t, api, lang, locale, now, me } = useConsole();
  useTitle(t.breaches.title);
  const [items, setItems] = useState<BreachedTicket[] | null>(null);
  const [error, setError] = useState<string | null>(null);
  useEffect(() => {
    void api.breaches().then((r) => (r.ok ? setItems(r.data.items) : setError(errorText(lang, r.error))));
  }, []);
  if (!canSupervise(me)) return <Forbidden />;
  const at = now();
  return (
    <>
      <h1 tabIndex={-1}>{t.breaches.title}</h1>
      <p class="lead">{t.breaches.intro}</p>
      <ErrorNote message={error} />
      {!items && !error && <p role="status">{t.loading}</p>}
      {items && items.length === 0 && <p class="panel empty-state">{t.breaches.none}</p>}
      {items && items.length > 0 && (
        <div class="table-wrap">
          <table>
            <caption class="visually-hidden">{t.breaches.title}</caption>
            <thead>
              <tr>
                <th scope="col">{t.queue.ticket}</th>
                <th scope="col">{t.queue.subject}</th>
                <th scope="col">{t.queue.level}</th>
                <th scope="col">{t.queue.status}</th>
                <th scope="col">{t.queue.assignee}</th>
                <th scope="col">{t.queue.received}</th>
                <th scope="col">{t.queue.maximum}</th>
              </tr>
            </thead>
            <tbody>
              {items.map((b) => (
                <tr key={b.tid} class="row-breach">
                  <th scope="row"><a href={paths.ticket(b.tid)} onClick={linkHandler(paths.ticket(b.tid))}>{formatTid(b.tid)}</a></th>
                  <td>
                    {b.urgent && <span class="badge urgent"><span aria-hidden="true">▲ </span>{t.queue.urgent}</span>}
                    <span class="subject">{b.subject}</span>
                    <span class="hint email"><Email address={b.requesterEmail} /></span>
                  </td>
                  <td>{levelText(b.slaLevel, lang)}</td>
                  <td><span class={`badge s-${b.status}`}>{statusText(t, b.status)}</span></td>
                  <td>{b.assignee?.email ?? <span class="muted">{t.queue.nobody}</span>}</td>
                  <td><time dateTime={b.receivedAt}>{formatWhen(b.receivedAt, locale)}</time></td>
                  <td><DueText c={clockState({ ...b, firstResponseAt: b.firstResponseAt }, at)} which="maximum" /></td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
    </>
  );
}
