import { SQL, sql, StringChunk } from "drizzle-orm";

/** One column of a statement's input: its name, its SQL type and how a row gives its value. */
export type InputColumn<T> = readonly [column: string, type: string, value: (row: T, ord: number) => unknown];

/**
 * The rows a statement is written from, with the columns named once: as parameters for one row,
 * or unpacked from one JSON parameter for several. One JSON shape for both measured 15% slower
 * for API intake, which writes one ticket at a time (Postgres parsing the JSON, or drizzle
 * building a VALUES list of hundreds of parameters); parameters for the one row are as fast as
 * the statement written out for one.
 */
export function inputRows<T>(columns: readonly InputColumn<T>[], rows: readonly T[]): SQL {
  if (rows.length === 1) {
    // One flat statement part, its text pieces made once per column list: this runs on every
    // intake, and a nested sql`` per column cost drizzle a tenth of the request's CPU.
    const row = rows[0]!;
    const pieces = piecesFor(columns);
    const chunks: unknown[] = [pieces[0]];
    columns.forEach(([, type, value], i) => {
      const v = value(row, 0);
      chunks.push(type === "jsonb" && v !== null ? JSON.stringify(v) : v, pieces[i + 1]);
    });
    return new SQL(chunks as SQL["queryChunks"]);
  }
  const data = rows.map((row, ord) => Object.fromEntries(columns.map(([column, , value]) => [column, value(row, ord)])));
  const shape = sql.raw(columns.map(([column, type]) => `${column} ${type}`).join(", "));
  return sql`select * from json_to_recordset(${JSON.stringify(data)}::json) as x(${shape})`;
}

const PIECES = new WeakMap<readonly InputColumn<never>[], StringChunk[]>();

/** "select ", "::int as ord, ", …: the text around each parameter of the one-row form. */
function piecesFor<T>(columns: readonly InputColumn<T>[]): StringChunk[] {
  const key = columns as unknown as readonly InputColumn<never>[];
  let pieces = PIECES.get(key);
  if (!pieces) {
    pieces = [new StringChunk("select "), ...columns.map(([column, type], i) => new StringChunk(`::${type} as ${column}${i < columns.length - 1 ? ", " : ""}`))];
    PIECES.set(key, pieces);
  }
  return pieces;
}
