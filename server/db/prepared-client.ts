import type { Sql } from "postgres";

/**
 * drizzle's postgres-js driver runs every query unprepared, and postgres.js then spends an extra
 * round trip per query asking the server for parameter types. Our queries have fixed texts, so
 * asking postgres.js to prepare them (it caches one statement per text per connection) halves the
 * round trips of a registration. This wraps the client and every transaction client it hands out.
 */
export function preparingClient(sql: Sql): Sql {
  return new Proxy(sql, {
    get(target, prop, receiver) {
      if (prop === "unsafe") {
        return (query: string, params?: unknown[], opts?: Record<string, unknown>) =>
          target.unsafe(query, params as never, { ...opts, prepare: true });
      }
      if (prop === "begin") {
        return (...args: unknown[]) => {
          const fn = args[args.length - 1] as (c: Sql) => unknown;
          return (target.begin as (...a: unknown[]) => unknown)(...args.slice(0, -1), (c: Sql) => fn(preparingClient(c)));
        };
      }
      if (prop === "savepoint") {
        return (...args: unknown[]) => {
          const fn = args[args.length - 1] as (c: Sql) => unknown;
          return ((target as unknown as { savepoint: (...a: unknown[]) => unknown }).savepoint)(...args.slice(0, -1), (c: Sql) => fn(preparingClient(c)));
        };
      }
      return Reflect.get(target, prop, receiver) as unknown;
    },
    apply(target, thisArg, args) {
      return Reflect.apply(target as unknown as (...a: unknown[]) => unknown, thisArg, args);
    },
  });
}
