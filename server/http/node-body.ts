import type { IncomingMessage } from "node:http";
import type { Context } from "hono";

/** The Node request behind a Hono context, when the app is served by @hono/node-server. */
export function nodeIncoming(c: Context): IncomingMessage | undefined {
  const env = c.env as { incoming?: IncomingMessage } | undefined;
  return env?.incoming;
}

/**
 * A request body as text, at most `maxBytes` long: `tooLarge` is thrown as soon as the declared
 * or the received length passes it, without reading the rest.
 *
 * Why not `c.req.text()` behind hono's bodyLimit: on @hono/node-server the first touch of the
 * body builds a full WHATWG Request (headers copy, AbortController, a web stream over the Node
 * stream), which cost more CPU than validating the ticket (bench/intake.ts). Reading the Node
 * stream directly skips that; `app.request()` in tests has no Node request and takes the Hono way.
 * Only for routes where nothing before the handler reads the body.
 */
export async function readBodyText(c: Context, maxBytes: number, tooLarge: () => never): Promise<string> {
  const declared = Number(c.req.header("content-length") ?? "0");
  if (declared > maxBytes) tooLarge();
  const incoming = nodeIncoming(c);
  if (!incoming) {
    const text = await c.req.text();
    if (Buffer.byteLength(text) > maxBytes) tooLarge();
    return text;
  }
  const bytes = await new Promise<Buffer | null>((resolve, reject) => {
    const chunks: Buffer[] = [];
    let size = 0;
    const onData = (chunk: Buffer) => {
      size += chunk.length;
      if (size > maxBytes) {
        incoming.off("data", onData);
        incoming.pause();
        resolve(null);
        return;
      }
      chunks.push(chunk);
    };
    incoming.on("data", onData);
    incoming.once("end", () => resolve(Buffer.concat(chunks, size)));
    incoming.once("error", reject);
    // A client that goes away mid-body: nobody is left to answer, but the handler must not hang.
    incoming.once("aborted", () => reject(new Error("the client closed the connection before the body ended")));
  });
  if (!bytes) tooLarge();
  return bytes.toString("utf8");
}
