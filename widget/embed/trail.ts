/**
 * The part of the browser environment (CONTRACT §9) only the loader can collect, because it runs
 * from the page's start while the dialog loads on first open: the last console errors, uncaught
 * errors and unhandled rejections, and the last failed requests (fetch and XMLHttpRequest).
 * What must stay true of the wrappers: the page sees no difference. The same return values, the
 * same `this`, every error rethrown as it was, and nothing our bookkeeping does may throw into the
 * page. Redaction is the dialog's work (panel/model/environment.ts), at send time; here addresses,
 * also those in messages and stack lines, only lose their query, and texts are cut so that a noisy
 * page cannot grow our memory.
 */
import { ENVIRONMENT_LIMITS } from "../../shared/limits";
import type { PageTrail } from "../types";

type TrailError = PageTrail["errors"][number];
/** What the page threw or rejected with: anything at all, an Error or not, maybe with a stack. */
type MaybeStack = { stack?: unknown } | null | undefined;

const RAW_TEXT = 2 * ENVIRONMENT_LIMITS.message;

function keep<T>(list: T[], item: T): void {
  list.push(item);
  if (list.length > ENVIRONMENT_LIMITS.entries) list.shift();
}

const now = () => new Date().toISOString();

function describe(v: unknown): string {
  return v instanceof Error ? `${v.name}: ${v.message}` : String(v);
}

/** The first line of a stack that names a place: V8's "    at f (…)", Firefox's and Safari's "f@…:1:2". */
function firstFrame(stack: unknown): string | undefined {
  return typeof stack == "string" ? stack.split("\n").find((l) => /^\s+at\s|^\S*@\S+:\d/.test(l))?.trim() : undefined;
}

// An address inside a text (a stack line, a message): its query and fragment go, a :line:column after them stays.
const QUERY_IN_TEXT = /([a-z][\w+.-]*:\/\/[^\s?#)'"]*)[?#][^\s)'"]*?(:\d+:\d+)?(?=[\s)'"]|$)/gi;
const withoutQueries = (s: string) => s.replace(QUERY_IN_TEXT, "$1$2");

/** An address as it is kept: absolute, without its query and fragment. */
export function bareAddress(url: string): string {
  try {
    url = new URL(url, location.href).href;
  } catch {
    /* kept as given */
  }
  return url.split(/[?#]/)[0]!;
}

export function collectTrail(w: Window & typeof globalThis = window): PageTrail {
  const trail: PageTrail = { errors: [], requests: [] };
  // Bookkeeping never breaks the page: a value whose toString throws is simply not recorded.
  const safely = (f: () => void) => {
    try {
      f();
    } catch {
      /* nothing to record */
    }
  };
  /** `read` runs inside `safely`: reading a page's value may itself throw. */
  const error = (kind: TrailError["kind"], read: () => [string, unknown]) =>
    safely(() => {
      const [message, stack] = read();
      const frame = firstFrame(stack);
      keep(trail.errors, { kind, message: withoutQueries(message).slice(0, RAW_TEXT), stack: frame && withoutQueries(frame), at: now() });
    });
  // `method` is typed as the page's own call declares it; String() is still there because a page
  // may hand anything, as XMLHttpRequest itself converts whatever it gets.
  const failed = (method: string | undefined, url: unknown, status: number) =>
    safely(() => keep(trail.requests, { method: String(method || "GET").toUpperCase().slice(0, ENVIRONMENT_LIMITS.short), url: bareAddress(String(url)).slice(0, RAW_TEXT), status, at: now() }));

  w.addEventListener("error", (e) => {
    // Resource load errors do not reach window without capture; these are script errors.
    if (e instanceof ErrorEvent) {
      error("error", () => [e.error instanceof Error ? describe(e.error) : e.message, (e.error as MaybeStack)?.stack ?? (e.filename && `    at ${e.filename}:${e.lineno}:${e.colno}`)]);
    }
  });
  w.addEventListener("unhandledrejection", (e) => error("rejection", () => [describe(e.reason), (e.reason as MaybeStack)?.stack]));

  // A page may have frozen one of these: then that one is not watched, and the widget still starts.
  safely(() => {
    const log = w.console.error;
    w.console.error = function (this: unknown, ...args: unknown[]) {
      error("console", () => [args.map(describe).join(" "), args.find((a): a is Error => a instanceof Error)?.stack]);
      return log.apply(this, args);
    };
  });
  safely(() => {
    // eslint-disable-next-line @typescript-eslint/unbound-method -- it is called with apply and the caller's `this`
    const fetch = w.fetch;
    if (fetch) {
      w.fetch = function (this: unknown, ...args: Parameters<typeof fetch>) {
        const [input, init] = args;
        let method = init?.method;
        let url: unknown = input;
        safely(() => {
          method ||= (input as Request).method;
          url = (input as Request).url ?? input;
        });
        return fetch.apply(this, args).then(
          (res) => {
            if (res.status > 399) failed(method, url, res.status);
            return res;
          },
          (e: unknown) => {
            // A request the page itself called off is not a failure.
            if ((e as Error)?.name != "AbortError") failed(method, url, 0);
            throw e;
          },
        );
      };
    }
  });
  safely(() => {
    const xhr = w.XMLHttpRequest?.prototype;
    if (xhr) {
      const opened = new WeakMap<XMLHttpRequest, [string, unknown]>();
      // eslint-disable-next-line @typescript-eslint/unbound-method -- both are called with apply and the request as `this`
      const { open, send } = xhr;
      // One function for every request: adding it again on a reused request adds nothing.
      function ended(this: XMLHttpRequest, e: Event) {
        const r = opened.get(this);
        if (r && (e.type != "load" || this.status > 399)) failed(r[0], r[1], e.type == "load" ? this.status : 0);
      }
      // Both of open's overloads, forwarded as given; `apply` is typed by the last one only.
      xhr.open = function (this: XMLHttpRequest, ...args: [method: string, url: string | URL] | Parameters<typeof open>) {
        safely(() => opened.set(this, [args[0], args[1]]));
        return open.apply(this, args as Parameters<typeof open>);
      };
      xhr.send = function (this: XMLHttpRequest, ...args: Parameters<typeof send>) {
        safely(() => { for (const type of ["load", "error", "timeout"]) this.addEventListener(type, ended); });
        return send.apply(this, args);
      };
    }
  });
  return trail;
}
