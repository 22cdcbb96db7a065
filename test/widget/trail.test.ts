// @vitest-environment happy-dom
// @vitest-environment-options {"url": "https://shop.example/admin/orders"}
/**
 * The loader's collector (widget/embed/trail.ts): the last 20 errors and failed requests, and
 * wrappers the host page cannot tell from the originals. The page here is a stand-in window whose
 * fetch, XMLHttpRequest and console are recording fakes, so that "the same value, the same this,
 * the same error" can be checked exactly.
 */
import { describe, expect, test } from "vitest";
import { collectTrail } from "../../widget/embed/trail";

type Call = { fn: string; self: unknown; args: unknown[] };

function fakePage(answer: (url: string) => Promise<Response>) {
  const calls: Call[] = [];
  const target = new EventTarget();
  class FakeXhr extends EventTarget {
    status = 0;
    open(...args: unknown[]) {
      calls.push({ fn: "open", self: this, args });
      if (args[1] === "throw") throw new SyntaxError("bad address");
      return "opened";
    }
    send(...args: unknown[]) {
      calls.push({ fn: "send", self: this, args });
      return "sent";
    }
    /** What the browser does when the answer (or none) comes. */
    finish(type: "load" | "error" | "timeout" | "abort", status: number) {
      this.status = status;
      this.dispatchEvent(new Event(type));
    }
  }
  const page = {
    addEventListener: target.addEventListener.bind(target),
    dispatchEvent: target.dispatchEvent.bind(target),
    console: {
      error(this: unknown, ...args: unknown[]) {
        calls.push({ fn: "console.error", self: this, args });
        return "logged";
      },
    },
    fetch(this: unknown, ...args: unknown[]) {
      calls.push({ fn: "fetch", self: this, args });
      return answer(String((args[0] as Request).url ?? args[0]));
    },
    XMLHttpRequest: FakeXhr,
  };
  const trail = collectTrail(page as unknown as Window & typeof globalThis);
  return { page, trail, calls, FakeXhr };
}

const notFound = () => Promise.resolve(new Response("missing", { status: 404 }));

describe("the loader's trail of the page (CONTRACT §9)", () => {
  test("keeps the last 20 console errors, oldest first, and passes every call through unchanged", () => {
    const { page, trail, calls } = fakePage(notFound);
    const self = { some: "console" };
    for (let i = 1; i <= 25; i++) expect(page.console.error.call(self, `failure ${i}`, { id: i })).toBe("logged");
    expect(trail.errors).toHaveLength(20);
    expect(trail.errors[0]).toMatchObject({ kind: "console", message: "failure 6 [object Object]" });
    expect(trail.errors[19]!.message).toBe("failure 25 [object Object]");
    expect(calls).toHaveLength(25);
    expect(calls[24]).toEqual({ fn: "console.error", self, args: ["failure 25", { id: 25 }] });
  });

  test("an error's message and the first line of its stack; a value that cannot be read breaks nothing", () => {
    const { page, trail, calls } = fakePage(notFound);
    const e = new TypeError("order.items is undefined");
    e.stack = "TypeError: order.items is undefined\n    at render (https://shop.example/app.js:10:5)\n    at main (https://shop.example/app.js:2:1)";
    page.console.error("Render failed:", e);
    const hostile = { toString() { throw new Error("gotcha"); } };
    expect(page.console.error(hostile)).toBe("logged");
    expect(calls.at(-1)!.args).toEqual([hostile]);
    expect(trail.errors).toEqual([
      { kind: "console", message: "Render failed: TypeError: order.items is undefined", stack: "at render (https://shop.example/app.js:10:5)", at: expect.stringMatching(/^\d{4}-\d\d-\d\dT/) as unknown },
    ]);
  });

  test("uncaught errors and unhandled rejections, with Firefox's stack format too", () => {
    const { page, trail } = fakePage(notFound);
    const boom = new Error("boom");
    boom.stack = "checkout@https://shop.example/pay.js?v=3&sig=abc:7:11\n@https://shop.example/pay.js:1:1";
    page.dispatchEvent(new ErrorEvent("error", { error: boom, message: "Uncaught Error: boom", filename: "https://shop.example/pay.js", lineno: 7, colno: 11 }));
    page.dispatchEvent(new ErrorEvent("error", { message: "Script error.", filename: "https://cdn.example/x.js", lineno: 1, colno: 2 }));
    const rejection = Object.assign(new Event("unhandledrejection"), { reason: "payment API down at https://pay.example/v1/charge?key=k1#frag." });
    page.dispatchEvent(rejection);
    expect(trail.errors.map(({ kind, message, stack }) => ({ kind, message, stack }))).toEqual([
      { kind: "error", message: "Error: boom", stack: "checkout@https://shop.example/pay.js:7:11" },
      { kind: "error", message: "Script error.", stack: "at https://cdn.example/x.js:1:2" },
      { kind: "rejection", message: "payment API down at https://pay.example/v1/charge", stack: undefined },
    ]);
  });

  test("fetch: the same response and the same error reach the page; failures are kept without their query", async () => {
    const refused = new TypeError("Failed to fetch");
    const answers: Response[] = [];
    const { page, trail, calls } = fakePage((url) => {
      if (url.includes("/down")) return Promise.reject(refused);
      answers.push(new Response("missing", { status: url.endsWith("/ok") ? 200 : 404 }));
      return Promise.resolve(answers.at(-1)!);
    });
    const self = { a: "receiver" };
    const res = await page.fetch.call(self, "/api/orders?token=s3cr3t#x", { method: "post" });
    expect(res).toBe(answers[0]);
    expect(await res.text()).toBe("missing");
    expect(calls[0]).toEqual({ fn: "fetch", self, args: ["/api/orders?token=s3cr3t#x", { method: "post" }] });
    await expect(page.fetch(new Request("http://127.0.0.1:9/down?key=1"))).rejects.toBe(refused);
    await page.fetch(new URL("https://shop.example/ok"));
    const aborted = new DOMException("The user aborted a request.", "AbortError");
    const { page: page2, trail: trail2 } = fakePage(() => Promise.reject(aborted));
    await expect(page2.fetch("/search")).rejects.toBe(aborted);
    expect(trail2.requests).toEqual([]);
    expect(trail.requests.map(({ method, url, status }) => ({ method, url, status }))).toEqual([
      { method: "POST", url: "https://shop.example/api/orders", status: 404 },
      { method: "GET", url: "http://127.0.0.1:9/down", status: 0 },
    ]);
    expect(JSON.stringify(trail)).not.toContain("s3cr3t");
  });

  test("fetch keeps the last 20 failures", async () => {
    const { page, trail } = fakePage(notFound);
    for (let i = 1; i <= 23; i++) await page.fetch(`/item/${i}`);
    expect(trail.requests.map((r) => r.url)).toEqual(Array.from({ length: 20 }, (_, i) => `https://shop.example/item/${i + 4}`));
  });

  test("XMLHttpRequest: open and send keep their this, arguments, return values and errors; failures are kept once", () => {
    const { page, trail, calls, FakeXhr } = fakePage(notFound);
    const xhr = new page.XMLHttpRequest();
    expect(xhr.open("GET", "/api/stock?sig=abc", true)).toBe("opened");
    expect(xhr.send(null)).toBe("sent");
    expect(calls).toEqual([{ fn: "open", self: xhr, args: ["GET", "/api/stock?sig=abc", true] }, { fn: "send", self: xhr, args: [null] }]);
    xhr.finish("load", 500);
    // The same request again (pages reuse them): its listeners are not doubled.
    xhr.open("PUT", "https://api.example/v2/cart");
    xhr.send("{}");
    xhr.finish("error", 0);
    const ok = new FakeXhr();
    ok.open("GET", "/fine");
    ok.send();
    ok.finish("load", 204);
    const cancelled = new FakeXhr();
    cancelled.open("GET", "/slow");
    cancelled.send();
    cancelled.finish("abort", 0);
    expect(() => new FakeXhr().open("GET", "throw")).toThrow(SyntaxError);
    expect(trail.requests.map(({ method, url, status }) => ({ method, url, status }))).toEqual([
      { method: "GET", url: "https://shop.example/api/stock", status: 500 },
      { method: "PUT", url: "https://api.example/v2/cart", status: 0 },
    ]);
  });

  test("a page that froze fetch keeps its fetch, and the rest is still watched", () => {
    const target = new EventTarget();
    const frozenFetch = () => Promise.resolve(new Response(null, { status: 500 }));
    const logged: unknown[] = [];
    const page = { addEventListener: target.addEventListener.bind(target), console: { error: (...a: unknown[]) => logged.push(a) } } as unknown as Window & typeof globalThis;
    Object.defineProperty(page, "fetch", { value: frozenFetch, writable: false });
    const trail = collectTrail(page);
    // eslint-disable-next-line @typescript-eslint/unbound-method -- the function's identity is what is checked; it is not called
    expect(page.fetch).toBe(frozenFetch);
    page.console.error("still seen");
    expect(trail.errors.map((e) => e.message)).toEqual(["still seen"]);
    expect(logged).toEqual([["still seen"]]);
  });
});
