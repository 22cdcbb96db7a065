import { Readable } from "node:stream";

/**
 * A Node stream as the body of a web Response. @hono/node-server pipes it to the socket with
 * backpressure and cancels it when the client goes away, which closes the file or S3 request.
 */
export function webStream(stream: Readable): ReadableStream<Uint8Array> {
  return Readable.toWeb(stream) as ReadableStream<Uint8Array>;
}
