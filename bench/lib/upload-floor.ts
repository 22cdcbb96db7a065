/**
 * The floor under an upload (bench/intake-upload.ts): a bare node:http server that streams each
 * multipart file part to disk with busboy while hashing it, names the file by its sha256, and
 * answers 201. No validation, no judging, no database, no framework: what our route costs above
 * this is what judging, the ticket and the wiring cost.
 *
 * Run as its own process: `node --import tsx bench/lib/upload-floor.ts <dir>`; it prints
 * `listening <port>` on stdout once it accepts connections.
 */
import { createHash, randomBytes } from "node:crypto";
import fs from "node:fs";
import http from "node:http";
import path from "node:path";
import { pipeline } from "node:stream/promises";
import { Transform } from "node:stream";
import busboy from "busboy";

const dir = process.argv[2];
if (!dir) throw new Error("usage: upload-floor.ts <dir>");

async function saveFile(file: NodeJS.ReadableStream): Promise<void> {
  const hash = createHash("sha256");
  const temp = path.join(dir!, `.part-${randomBytes(8).toString("hex")}`);
  const tap = new Transform({ transform(chunk: Buffer, _enc, done) { hash.update(chunk); done(null, chunk); } });
  await pipeline(file, tap, fs.createWriteStream(temp));
  await fs.promises.rename(temp, path.join(dir!, hash.digest("hex")));
}

const server = http.createServer((req, res) => {
  const fail = (e: unknown) => {
    if (res.headersSent) return;
    res.writeHead(500, { "content-type": "text/plain", connection: "close" }).end(`floor failed: ${e instanceof Error ? e.message : String(e)}`);
  };
  if (req.method !== "POST") return void res.writeHead(404).end();
  let bb: busboy.Busboy;
  try {
    bb = busboy({ headers: req.headers });
  } catch (e) {
    return fail(e);
  }
  const writes: Promise<void>[] = [];
  bb.on("file", (_name, file) => writes.push(saveFile(file)));
  bb.on("close", () => {
    Promise.all(writes).then(() => res.writeHead(201, { "content-type": "application/json" }).end(JSON.stringify({ files: writes.length })), fail);
  });
  bb.on("error", fail);
  req.pipe(bb);
});
server.keepAliveTimeout = 65_000;
server.listen(0, "127.0.0.1", () => {
  process.stdout.write(`listening ${(server.address() as { port: number }).port}\n`);
});
process.on("SIGTERM", () => server.close(() => process.exit(0)));
