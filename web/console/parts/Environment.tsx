/**
 * The client's browser details (CONTRACT §9, SLA 4.2) as tables: the browser and the page, then
 * the page's recent errors and failed requests, oldest first as the widget collected them. Every
 * value is client text, shown as text; addresses are not links (the client's page may be a trap).
 */
import type { ComponentChildren } from "preact";
import type { Environment } from "../../../shared/api/environment";
import { calendarZone } from "../../shared/calendar-zone";
import { formatWhen } from "../clock";
import { useConsole } from "../context";

/** Seconds matter here: they tell which error came with which failed request. The day is in the title. */
function At({ iso, locale }: { iso: string | undefined; locale: string }) {
  if (!iso) return null;
  const zone = calendarZone();
  const time = new Intl.DateTimeFormat(locale, { hour: "2-digit", minute: "2-digit", second: "2-digit", hourCycle: "h23", ...(zone ? { timeZone: zone } : {}) }).format(new Date(iso));
  return <time dateTime={iso} title={formatWhen(iso, locale)}>{time}</time>;
}

const named = (x: { name?: string; version?: string } | undefined) => [x?.name, x?.version].filter(Boolean).join(" ");

export function EnvironmentPanel({ environment }: { environment: Environment | null | undefined }) {
  const { t, locale } = useConsole();
  const e = t.environment;
  const v = environment?.viewport;
  const facts: [string, string | undefined][] = environment
    ? [
        [e.browser, named(environment.browser)],
        [e.os, named(environment.os)],
        [e.viewport, v && v.width !== undefined && v.height !== undefined ? e.size(v.width, v.height, v.pixelRatio) : undefined],
        [e.languages, environment.languages?.join(", ")],
        [e.timeZone, environment.timeZone],
        [e.page, environment.page],
        [e.userAgent, environment.userAgent],
      ]
    : [];
  const errors = environment?.errors ?? [];
  const requests = environment?.requests ?? [];
  return (
    <section class="panel environment" aria-labelledby="env-title" id="environment">
      <h2 id="env-title">{e.title}</h2>
      {!environment && <p class="muted">{e.none}</p>}
      {environment && (
        <>
          <div class="table-wrap">
            <table class="php env-facts">
              <caption>{e.facts}</caption>
              <tbody>
                {facts.filter(([, value]) => value).map(([label, value]) => (
                  <tr key={label}>
                    <th scope="row">{label}</th>
                    <td class={label === e.page || label === e.userAgent ? "mono" : undefined}>{value}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
          <LogTable class="env-errors" caption={e.errors(errors.length)} rows={errors} columns={[
            { head: e.time, cell: (x) => <At iso={x.at} locale={locale} /> },
            { head: e.kind, cell: (x) => e.kinds[x.kind] },
            { head: e.message, cell: (x) => <>{x.message}{x.stack && <span class="mono stack">{x.stack}</span>}</> },
          ]} />
          <LogTable class="env-requests" caption={e.requests(requests.length)} rows={requests} columns={[
            { head: e.time, cell: (r) => <At iso={r.at} locale={locale} /> },
            { head: e.method, cell: (r) => r.method },
            { head: e.address, class: "mono", cell: (r) => r.url },
            { head: e.status, cell: (r) => (r.status === 0 ? e.noAnswer : r.status) },
          ]} />
        </>
      )}
    </section>
  );
}

interface LogColumn<R> {
  head: string;
  cell(row: R): ComponentChildren;
  class?: string;
}

/**
 * One of the page's logs, in the order the widget collected it. Unlike the app's DataTable it has
 * no row headers (no cell names an entry) and no head row when empty: the caption says "none".
 */
function LogTable<R>({ class: cls, caption, rows, columns }: { class: string; caption: string; rows: readonly R[]; columns: LogColumn<R>[] }) {
  return (
    <div class="table-wrap">
      <table class={`php ${cls}`}>
        <caption>{caption}</caption>
        {rows.length > 0 && (
          <>
            <thead><tr>{columns.map((c) => <th scope="col" key={c.head}>{c.head}</th>)}</tr></thead>
            <tbody>
              {rows.map((row, i) => (
                <tr key={i}>
                  {columns.map((c) => <td key={c.head} class={c.class}>{c.cell(row)}</td>)}
                </tr>
              ))}
            </tbody>
          </>
        )}
      </table>
    </div>
  );
}
