/**
 * One table of the portal or the console, written as its columns: a header row of `scope="col"`
 * cells, then a row per item whose first cell is its `scope="row"` header, so a screen reader
 * names each cell by its column and its row. The caption is there for the same reason, hidden
 * unless the page shows it.
 */
import type { ComponentChildren, Ref } from "preact";

export interface Column<R> {
  head: ComponentChildren;
  cell: (row: R, index: number) => ComponentChildren;
  /** The head is read out but not shown (a column of buttons says what they are for). */
  hideHead?: boolean;
  class?: string | ((row: R) => string | undefined);
}

export interface DataTableProps<R> {
  caption: ComponentChildren;
  /** The caption is shown on the page, not only read out. */
  showCaption?: boolean;
  class?: string;
  columns: readonly Column<R>[];
  rows: readonly R[];
  rowKey: (row: R) => string | number;
  rowAttrs?: (row: R, index: number) => Record<string, string | undefined>;
  bodyRef?: Ref<HTMLTableSectionElement>;
  /** Each cell carries its column's head as `data-label`, for the stacked narrow-screen layout. */
  labelled?: boolean;
}

export function DataTable<R>({ caption, showCaption, class: cls, columns, rows, rowKey, rowAttrs, bodyRef, labelled }: DataTableProps<R>) {
  return (
    <div class="table-wrap">
      <table class={cls}>
        <caption class={showCaption ? undefined : "visually-hidden"}>{caption}</caption>
        <thead>
          <tr>
            {columns.map((c, i) => <th scope="col" key={i}>{c.hideHead ? <span class="visually-hidden">{c.head}</span> : c.head}</th>)}
          </tr>
        </thead>
        <tbody ref={bodyRef}>
          {rows.map((row, r) => (
            <tr key={rowKey(row)} {...rowAttrs?.(row, r)}>
              {columns.map((c, i) => {
                const Cell = i === 0 ? "th" : "td";
                const attrs = {
                  scope: i === 0 ? "row" : undefined,
                  class: typeof c.class === "function" ? c.class(row) : c.class,
                  "data-label": labelled && typeof c.head === "string" ? c.head : undefined,
                };
                return <Cell key={i} {...attrs}>{c.cell(row, r)}</Cell>;
              })}
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}
