/**
 * The work queue (SLA 2.2): urgent recovery first, then first come, first served, with the time
 * left to the target and to the maximum. It stays current without a reload: the server's events
 * (queue-events.ts) say when a ticket changed in any process, and it asks again with If-None-Match.
 * Without the events it asks every few seconds, and the server answers 304 while nothing changed,
 * so an idle queue costs one tiny request per interval. Filters live in the address, so a filtered queue can
 * be bookmarked. j/k move through the rows, Enter or o opens one, / jumps to the search.
 */
import type { ComponentChildren } from "preact";
import { useEffect, useRef, useState } from "preact/hooks";
import { SLA_LEVEL_IDS } from "../../../shared/sla";
import { DataTable, type Column } from "../../shared/DataTable";
import { navigate } from "../../shared/router";
import type { QueueFilters, QueueItem } from "../api";
import { clockState } from "../clock";
import { useConsole, useTitle } from "../context";
import { channelText, levelText, statusText } from "../format";
import { errorText } from "../i18n";
import { paths } from "../routes";
import { useShortcuts } from "../shortcuts";
import { useTicketColumns } from "../parts/ticket-columns";
import { ListStates } from "../../shared/ListStates";
import { PageHead } from "../../shared/PageHead";
import { Email } from "../parts/Email";
import { ACTIVE_STATUSES } from "../../../shared/ticket-status";
import { useLiveQueue } from "../queue-events";
import type { Channel } from "../../../shared/channels";

const FILTER_KEYS = ["q", "status", "level", "assignee", "channel"] as const;
// The queue holds the tickets still being worked (ACTIVE_STATUSES); resolved and closed ones are not in it.
// The filter lists mail first: its own order, not the stored one (shared/channels.ts).
const CHANNEL_ORDER = ["email", "widget", "portal", "api"] as const satisfies readonly Channel[];

function filtersFromUrl(): QueueFilters {
  const q = new URLSearchParams(location.search);
  const f: QueueFilters = {};
  for (const k of FILTER_KEYS) {
    const v = q.get(k);
    if (v) f[k] = v;
  }
  return f;
}

interface FilterSelectProps {
  name: Exclude<(typeof FILTER_KEYS)[number], "q">;
  label: string;
  /** The first option, which sets no filter. */
  all: string;
  filters: QueueFilters;
  apply: (patch: QueueFilters) => void;
  children: ComponentChildren;
}

/** One of the queue's choice filters: picking an option applies it at once. */
function FilterSelect({ name, label, all, filters, apply, children }: FilterSelectProps) {
  return (
    <div class="field">
      <label for={`q-${name}`}>{label}</label>
      <select id={`q-${name}`} value={filters[name] ?? ""} onChange={(e) => apply({ [name]: e.currentTarget.value })}>
        <option value="">{all}</option>
        {children}
      </select>
    </div>
  );
}

function filtersToUrl(f: QueueFilters): string {
  const q = new URLSearchParams();
  for (const k of FILTER_KEYS) if (f[k]) q.set(k, f[k]);
  const s = q.toString();
  return `${paths.queue()}${s ? `?${s}` : ""}`;
}

/** A row's marks: the one the keys have selected, a clock nearing or past its due time, urgency. */
function rowAttrs(tk: QueueItem, selected: boolean, at: Date) {
  const c = clockState(tk, at);
  const rowClass = [
    selected ? "selected" : "",
    c.kind === "running" && c.level !== "ok" ? `row-${c.level}` : "",
    tk.urgent ? "row-urgent" : "",
  ].filter(Boolean).join(" ");
  return { class: rowClass || undefined, "data-tid": tk.tid };
}

export function Queue() {
  const { t, api, lang, locale, now, announce, pollMs, me } = useConsole();
  useTitle(t.queue.title);
  const col = useTicketColumns<QueueItem>();
  const [filters, setFilters] = useState<QueueFilters>(filtersFromUrl);
  const [search, setSearch] = useState(filters.q ?? "");
  const [items, setItems] = useState<QueueItem[] | null>(null);
  const [next, setNext] = useState<string | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [selected, setSelected] = useState(-1);
  const [, setTick] = useState(0);
  const [checkedAt, setCheckedAt] = useState<Date | null>(null);
  const etag = useRef<string | null>(null);
  const shown = useRef<Set<string> | null>(null);
  const itemsRef = useRef<QueueItem[] | null>(null);
  /** The filters shown now: an answer for other filters that arrives late is dropped, not shown under these. */
  const shownFilters = useRef("");
  shownFilters.current = JSON.stringify(filters);
  const table = useRef<HTMLTableSectionElement>(null);
  const searchRef = useRef<HTMLInputElement>(null);
  itemsRef.current = items;

  /** The first page again (as many rows as are shown); unchanged answers are a 304. */
  const refresh = async (reset: boolean) => {
    if (reset) {
      etag.current = null;
      shown.current = null;
    }
    const limit = Math.min(200, Math.max(50, itemsRef.current && !reset ? itemsRef.current.length : 50));
    const asked = JSON.stringify(filters);
    const r = await api.queue(filters, null, etag.current, limit);
    if (asked !== shownFilters.current) return;
    setCheckedAt(now());
    if (!r.ok) {
      setError(errorText(lang, r.error));
      return;
    }
    setError(null);
    if (!r.data.data) return;
    etag.current = r.data.etag;
    const page = r.data.data;
    const before = shown.current;
    const arrived = before ? page.items.filter((i) => !before.has(i.tid)).length : 0;
    shown.current = new Set(page.items.map((i) => i.tid));
    setItems(page.items);
    setNext(page.next);
    if (reset) announce(t.queue.count(page.items.length, Boolean(page.next)));
    else if (arrived > 0) announce(t.queue.arrived(arrived));
  };

  useEffect(() => {
    setItems(null);
    setSelected(-1);
    void refresh(true);
  }, [JSON.stringify(filters)]);

  useLiveQueue(() => refresh(false), pollMs, JSON.stringify(filters));
  useEffect(() => {
    // The times left are relative to now; redraw them even when no data changed.
    const tick = setInterval(() => setTick((n) => n + 1), 30_000);
    return () => clearInterval(tick);
  }, []);

  const loadMore = async () => {
    if (!next || !items) return;
    const asked = JSON.stringify(filters);
    const r = await api.queue(filters, next, null);
    if (asked !== shownFilters.current) return;
    if (!r.ok || !r.data.data) return r.ok ? undefined : setError(errorText(lang, r.error));
    const more = r.data.data.items;
    setItems([...items, ...more]);
    setNext(r.data.data.next);
    for (const i of more) shown.current?.add(i.tid);
    announce(t.queue.loaded(more.length));
  };

  const apply = (patch: QueueFilters) => {
    const f = { ...filters, ...patch };
    for (const k of FILTER_KEYS) if (!f[k]) delete f[k];
    history.replaceState(null, "", filtersToUrl(f));
    setFilters(f);
  };

  const focusRow = (i: number) => {
    const rows = table.current?.querySelectorAll<HTMLAnchorElement>("tr a.tid");
    if (!rows || rows.length === 0) return;
    const n = Math.max(0, Math.min(rows.length - 1, i));
    setSelected(n);
    rows[n]!.focus();
    rows[n]!.closest("tr")?.scrollIntoView?.({ block: "nearest" });
  };

  useShortcuts({
    j: () => focusRow(selected + 1),
    k: () => focusRow(selected < 0 ? 0 : selected - 1),
    o: () => {
      const tk = items?.[selected];
      if (tk) navigate(paths.ticket(tk.tid));
    },
    "/": () => searchRef.current?.focus(),
  });

  const at = now();
  const filtered = FILTER_KEYS.some((k) => filters[k]);
  const columns: Column<QueueItem>[] = [
    col.ticket((_, i) => ({ class: "tid", onFocus: () => setSelected(i) })),
    col.subject((tk) => <span class="hint">{t.queue.via(channelText(t, tk.channel))}</span>),
    { head: t.queue.requester, class: "email", cell: (tk) => <Email address={tk.email} /> },
    col.level,
    col.status,
    col.assignee((tk) => tk.assignee),
    col.received,
    col.due("target", (tk) => clockState(tk, at)),
    col.due("maximum", (tk) => clockState(tk, at)),
  ];
  return (
    <>
      <PageHead title={t.queue.title} lead={t.queue.intro}>
        <p class="live-note">
          <span class="pulse" aria-hidden="true" /> {t.queue.live}{checkedAt ? `, ${t.queue.checked(new Intl.DateTimeFormat(locale, { timeStyle: "medium" }).format(checkedAt))}` : ""}
        </p>
      </PageHead>

      <form role="search" class="panel filters" aria-label={t.queue.filters} onSubmit={(e) => { e.preventDefault(); apply({ q: search.trim() }); }}>
        <div class="field grow">
          <label for="q-search">{t.queue.search}</label>
          <div class="inline">
            <input ref={searchRef} id="q-search" type="search" value={search} onInput={(e) => setSearch(e.currentTarget.value)} aria-describedby="q-search-hint" aria-keyshortcuts="/" />
            <button type="submit">{t.queue.searchButton}</button>
          </div>
          <p class="hint" id="q-search-hint">{t.queue.searchHint}</p>
        </div>
        <FilterSelect name="status" label={t.queue.status} all={t.queue.active} filters={filters} apply={apply}>
          {ACTIVE_STATUSES.map((s) => <option key={s} value={s}>{statusText(t, s)}</option>)}
        </FilterSelect>
        <FilterSelect name="level" label={t.queue.level} all={t.queue.any} filters={filters} apply={apply}>
          {SLA_LEVEL_IDS.map((l) => <option key={l} value={l}>{levelText(l, lang)}</option>)}
        </FilterSelect>
        <FilterSelect name="assignee" label={t.queue.assignee} all={t.queue.any} filters={filters} apply={apply}>
          <option value={me.email}>{t.queue.me}</option>
          <option value="none">{t.queue.unassigned}</option>
        </FilterSelect>
        <FilterSelect name="channel" label={t.queue.channel} all={t.queue.any} filters={filters} apply={apply}>
          {CHANNEL_ORDER.map((c) => <option key={c} value={c}>{channelText(t, c)}</option>)}
        </FilterSelect>
        {filtered && (
          <div class="field end">
            <button type="button" class="linkish" onClick={() => { setSearch(""); apply({ q: "", status: "", level: "", assignee: "", channel: "" }); }}>{t.queue.clear}</button>
          </div>
        )}
      </form>

      <ListStates items={items} error={error} loading={t.loading} empty={<p class="panel empty-state">{filtered ? t.queue.noMatch : t.queue.empty}</p>}>
        {(rows) => (
          <DataTable caption={<>{t.queue.caption(rows.length)} <span class="hint">{t.queue.keysHint}</span></>} showCaption class="queue"
            columns={columns} rows={rows} rowKey={(tk) => tk.tid} rowAttrs={(tk, i) => rowAttrs(tk, i === selected, at)} bodyRef={table} />
        )}
      </ListStates>
      {next && <button type="button" class="more" onClick={() => void loadMore()}>{t.queue.more}</button>}
    </>
  );
}
