import { AsyncLocalStorage } from "node:async_hooks";

/**
 * What every log line written while serving one request carries (its request id), without each
 * call site passing it along: the logger's mixin reads it (log.ts). Work that outlives its request
 * but started inside it (a batch other requests join) keeps the id it started under.
 */
const context = new AsyncLocalStorage<{ requestId: string }>();

export function withLogContext<T>(ctx: { requestId: string }, fn: () => T): T {
  return context.run(ctx, fn);
}

export function currentLogContext(): { requestId: string } | Record<string, never> {
  return context.getStore() ?? {};
}
