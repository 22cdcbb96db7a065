/**
 * The upload client of bench/intake-upload.ts (started by upload-load.ts). `connections` workers,
 * each on its own keep-alive socket, send one multipart ticket after another with one PNG of
 * exactly `fileBytes` bytes, until the time is up; requests still running then are waited for.
 *
 * Every request carries different bytes, so neither side can skip a write because the blob is
 * already stored: each worker owns one prebuilt body (bigPng from test/fixtures, a valid PNG whose
 * size comes from a private ancillary "paDd" chunk) and, before each request, overwrites the last
 * 16 bytes of that chunk's data with a run nonce, its number and a counter, and fixes the chunk's
 * CRC. The CRC of everything before those 16 bytes is computed once, so a request costs the client
 * a 20-byte patch, not a pass over 10 MiB.
 */
import http from "node:http";
import { randomBytes } from "node:crypto";
import { crc32 } from "node:zlib";
import { bigPng } from "../../test/fixtures/files";
import type { UploadLoadRequest, UploadLoadResult } from "./upload-load";
import { serveChild } from "./child";

const BOUNDARY = "----tidings-bench-upload-7c1e9a04d2";
const ID_BYTES = 16;

interface Body {
  bytes: Buffer;
  /** Where the 16 varying bytes go, and the chunk CRC after them. */
  idAt: number;
  crcAt: number;
  /** CRC-32 of the chunk type and its data up to idAt. */
  prefixCrc: number;
}

function textPart(name: string, value: string): string {
  return `--${BOUNDARY}\r\nContent-Disposition: form-data; name="${name}"\r\n\r\n${value}\r\n`;
}

function buildBody(fileBytes: number, worker: number): Body {
  const png = bigPng(fileBytes);
  // bigPng: signature (8), IHDR (25), then the padding chunk.
  const chunkAt = 8 + 25;
  if (png.toString("latin1", chunkAt + 4, chunkAt + 8) !== "paDd") throw new Error("bigPng has no paDd chunk after IHDR");
  const length = png.readUInt32BE(chunkAt);
  if (length < ID_BYTES) throw new Error(`a ${fileBytes}-byte PNG has too little padding to vary`);
  const head = Buffer.from(
    textPart("email", `uploader-${worker}@example.com`) +
      textPart("name", `Uploader ${worker}`) +
      textPart("description", "The invoice export shows an empty page; screenshot attached.\nIt worked with 24.99.2.") +
      textPart("productVersion", "24.100.0") +
      textPart("edition", "cloud") +
      `--${BOUNDARY}\r\nContent-Disposition: form-data; name="attachments"; filename="screenshot-${worker}.png"\r\nContent-Type: image/png\r\n\r\n`,
  );
  const tail = Buffer.from(`\r\n--${BOUNDARY}--\r\n`);
  const bytes = Buffer.concat([head, png, tail]);
  const dataAt = head.length + chunkAt + 8;
  const idAt = dataAt + length - ID_BYTES;
  return { bytes, idAt, crcAt: dataAt + length, prefixCrc: crc32(bytes.subarray(dataAt - 4, idAt)) };
}

const bodies = new Map<string, Body[]>();
function bodiesFor(fileBytes: number, connections: number): Body[] {
  const key = `${fileBytes}/${connections}`;
  let list = bodies.get(key);
  if (!list) {
    // Only one size is in use at a time; drop the others so this process stays small.
    bodies.clear();
    list = Array.from({ length: connections }, (_, w) => buildBody(fileBytes, w));
    bodies.set(key, list);
  }
  return list;
}

function vary(body: Body, id: Buffer): void {
  id.copy(body.bytes, body.idAt);
  body.bytes.writeUInt32BE(crc32(id, body.prefixCrc), body.crcAt);
}

function post(agent: http.Agent, url: URL, body: Buffer): Promise<{ status: number; text: string }> {
  return new Promise((resolve, reject) => {
    const req = http.request(url, {
      method: "POST",
      agent,
      headers: { "content-type": `multipart/form-data; boundary=${BOUNDARY}`, "content-length": String(body.length) },
    }, (res) => {
      const chunks: Buffer[] = [];
      res.on("data", (c: Buffer) => chunks.push(c));
      res.on("end", () => resolve({ status: res.statusCode ?? 0, text: Buffer.concat(chunks).toString("utf8") }));
      res.on("error", reject);
    });
    req.on("error", reject);
    req.end(body);
  });
}

async function run(req: UploadLoadRequest): Promise<UploadLoadResult> {
  const list = bodiesFor(req.fileBytes, req.connections);
  const url = new URL(req.url);
  const agent = new http.Agent({ keepAlive: true, maxSockets: req.connections });
  const nonce = randomBytes(8);
  const latencies: number[] = [];
  let ok = 0;
  let non201 = 0;
  let errors = 0;
  let requestBytes = 0;
  let firstFailure: string | null = null;
  const started = performance.now();
  const deadline = started + req.seconds * 1000;
  const worker = async (w: number) => {
    const body = list[w]!;
    const id = Buffer.alloc(ID_BYTES);
    nonce.copy(id, 0);
    id.writeUInt32BE(w, 8);
    for (let n = 0; performance.now() < deadline; n++) {
      id.writeUInt32BE(n, 12);
      vary(body, id);
      const t0 = performance.now();
      try {
        const res = await post(agent, url, body.bytes);
        requestBytes += body.bytes.length;
        if (res.status === 201) {
          ok++;
          latencies.push(performance.now() - t0);
        } else {
          non201++;
          firstFailure ??= `${res.status} ${res.text.slice(0, 500)}`;
        }
      } catch (e) {
        errors++;
        firstFailure ??= e instanceof Error ? e.message : String(e);
      }
    }
  };
  await Promise.all(Array.from({ length: req.connections }, (_, w) => worker(w)));
  const seconds = (performance.now() - started) / 1000;
  agent.destroy();
  latencies.sort((a, b) => a - b);
  const pct = (p: number) => (latencies.length ? latencies[Math.min(latencies.length - 1, Math.floor(p * latencies.length))]! : NaN);
  return {
    ok, non201, errors, firstFailure, seconds, requestBytes,
    mibPerSecond: (ok * req.fileBytes) / (1024 * 1024) / seconds,
    p50Ms: pct(0.5),
    p99Ms: pct(0.99),
  };
}

serveChild(run);
