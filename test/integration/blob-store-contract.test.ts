import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { createHash, randomBytes } from "node:crypto";
import { buffer } from "node:stream/consumers";
import { afterAll, beforeAll, describe, expect, test } from "vitest";
import { CreateMultipartUploadCommand, ListMultipartUploadsCommand, S3Client, UploadPartCommand } from "@aws-sdk/client-s3";
import { loadConfig, type S3Config } from "../../server/config";
import type { BlobStore } from "../../server/storage/blob-store";
import { fsBlobStore } from "../../server/storage/fs-store";
import { s3BlobStore } from "../../server/storage/s3-store";
import { s3RequestsSeen, startS3Server } from "../support/s3-server";

const MiB = 1024 * 1024;
const sha = (b: Uint8Array) => createHash("sha256").update(b).digest("hex");
const bytes = (n: number) => new Uint8Array(randomBytes(n));
const wait = (ms: number) => new Promise((r) => setTimeout(r, ms));

/** What the contract needs of each store besides its interface: a way to leave a half-written temporary behind. */
interface Subject {
  store: BlobStore;
  /** Leaves what a crash in the middle of a put leaves; `remaining()` counts those left. */
  crashMidPut(): Promise<void>;
  remaining(): Promise<number>;
  close(): Promise<void>;
}

function fsSubject(): Promise<Subject> {
  const root = fs.mkdtempSync(path.join(os.tmpdir(), "tidings-blobs-"));
  const tmp = path.join(root, "tmp");
  return Promise.resolve({
    store: fsBlobStore(root),
    async crashMidPut() {
      await fs.promises.mkdir(tmp, { recursive: true });
      await fs.promises.writeFile(path.join(tmp, `crashed-${Math.random()}`), bytes(1000));
    },
    remaining: async () => (await fs.promises.readdir(tmp).catch(() => [])).length,
    close: () => fs.promises.rm(root, { recursive: true, force: true }),
  });
}

async function s3Subject(): Promise<Subject & { s3: S3Config; endpoint: string }> {
  const server = await startS3Server();
  const s3 = loadConfig(server.env).s3!;
  const raw = new S3Client({ region: s3.region, endpoint: s3.endpoint, forcePathStyle: true, credentials: s3.credentials, requestChecksumCalculation: "WHEN_REQUIRED" });
  return {
    s3,
    endpoint: server.endpoint,
    // Small pages, so that listing several blobs takes several ListObjectsV2 calls.
    store: s3BlobStore({ ...s3, pageSize: 2 }),
    async crashMidPut() {
      // A multipart upload begun, one part sent, never completed: what SIGKILL during a large put leaves.
      const Key = `blobs/00/00/${"0".repeat(60)}${Math.floor(Math.random() * 9000 + 1000)}`;
      const { UploadId } = await raw.send(new CreateMultipartUploadCommand({ Bucket: s3.bucket, Key }));
      await raw.send(new UploadPartCommand({ Bucket: s3.bucket, Key, UploadId, PartNumber: 1, Body: Buffer.from(bytes(1000)) }));
    },
    remaining: async () => (await raw.send(new ListMultipartUploadsCommand({ Bucket: s3.bucket, Prefix: "blobs/" }))).Uploads?.length ?? 0,
    async close() { raw.destroy(); await server.close(); },
  };
}

describe.each([["fs", fsSubject], ["s3", s3Subject]] as const)("the blob store contract on %s", (_kind, make) => {
  let s: Subject;
  beforeAll(async () => { s = await make(); });
  afterAll(async () => { await s?.close(); });

  test("put from bytes: true, then get streams the same bytes with their size", async () => {
    const b = bytes(200_000);
    expect(await s.store.put(sha(b), b)).toBe(true);
    expect(await s.store.exists(sha(b))).toBe(true);
    const got = await s.store.get(sha(b));
    expect(got!.size).toBe(b.byteLength);
    expect(typeof got!.stream.pipe).toBe("function");
    expect(Buffer.from(await buffer(got!.stream)).equals(Buffer.from(b))).toBe(true);
  });

  test("put from a file leaves the caller's file where it was", async () => {
    const b = bytes(300_000);
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), "tidings-src-"));
    const file = path.join(dir, "upload");
    fs.writeFileSync(file, b);
    expect(await s.store.put(sha(b), { file, size: b.byteLength })).toBe(true);
    expect(fs.readFileSync(file).equals(Buffer.from(b))).toBe(true);
    expect(Buffer.from(await buffer((await s.store.get(sha(b)))!.stream)).equals(Buffer.from(b))).toBe(true);
    fs.rmSync(dir, { recursive: true, force: true });
  });

  test("a second put of the same blob answers false and makes the blob young again", async () => {
    const b = bytes(5000);
    expect(await s.store.put(sha(b), b)).toBe(true);
    const age = async () => {
      for await (const x of s.store.list()) if (x.sha256 === sha(b)) return x.modifiedAt.getTime();
      throw new Error("not listed");
    };
    const first = await age();
    // S3 keeps LastModified to the second.
    await wait(1100);
    expect(await s.store.put(sha(b), b)).toBe(false);
    expect(await age()).toBeGreaterThan(first);
    expect(Buffer.from(await buffer((await s.store.get(sha(b)))!.stream)).equals(Buffer.from(b))).toBe(true);
  });

  test("a missing blob: get is null, exists false, delete quiet", async () => {
    const missing = "f".repeat(64);
    expect(await s.store.get(missing)).toBeNull();
    expect(await s.store.exists(missing)).toBe(false);
    await expect(s.store.delete(missing)).resolves.toBeUndefined();
  });

  test("delete removes the blob; list gives every blob, over several pages", async () => {
    const blobs = [bytes(100), bytes(200), bytes(300), bytes(400), bytes(500)];
    for (const b of blobs) await s.store.put(sha(b), b);
    await s.store.delete(sha(blobs[0]!));
    expect(await s.store.exists(sha(blobs[0]!))).toBe(false);
    expect(await s.store.get(sha(blobs[0]!))).toBeNull();
    const listed: string[] = [];
    for await (const x of s.store.list()) {
      expect(x.modifiedAt).toBeInstanceOf(Date);
      listed.push(x.sha256);
    }
    expect(new Set(listed).size).toBe(listed.length);
    expect(listed).toEqual(expect.arrayContaining(blobs.slice(1).map(sha)));
    expect(listed).not.toContain(sha(blobs[0]!));
  });

  test("cleanTemp removes what a crash mid-put left, once it is older than the age", async () => {
    await s.crashMidPut();
    expect(await s.remaining()).toBe(1);
    expect(await s.store.cleanTemp(3_600_000)).toBe(0);
    expect(await s.remaining()).toBe(1);
    await wait(50);
    expect(await s.store.cleanTemp(10)).toBe(1);
    expect(await s.remaining()).toBe(0);
  });

  test("ping answers while the store is there", async () => {
    await expect(s.store.ping()).resolves.toBeUndefined();
  });
});

describe("large blobs on S3 go up as multipart uploads", () => {
  let s: Awaited<ReturnType<typeof s3Subject>>;
  beforeAll(async () => { s = await s3Subject(); });
  afterAll(async () => { await s?.close(); });

  test.each(["file", "bytes"] as const)("a 10 MiB %s in 5 MiB parts, read back whole", async (from) => {
    const store = s3BlobStore({ ...s.s3, multipartAbove: 5 * MiB, partSize: 5 * MiB });
    const b = bytes(10 * MiB);
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), "tidings-src-"));
    const file = path.join(dir, "big");
    fs.writeFileSync(file, b);
    expect(await store.put(sha(b), from === "file" ? { file, size: b.byteLength } : b)).toBe(true);
    const key = `blobs/${sha(b).slice(0, 2)}/${sha(b).slice(2, 4)}/${sha(b)}`;
    const seen = s3RequestsSeen(s.endpoint).filter((r) => r.includes(key));
    expect(seen.filter((r) => r.startsWith("PUT") && r.endsWith("?partNumber&uploadId"))).toHaveLength(2);
    expect(seen.some((r) => r.startsWith("POST") && r.endsWith("?uploadId"))).toBe(true);
    const got = await store.get(sha(b));
    expect(got!.size).toBe(10 * MiB);
    expect(sha(await buffer(got!.stream))).toBe(sha(b));
    expect(await s.remaining()).toBe(0);
    fs.rmSync(dir, { recursive: true, force: true });
  });

  test("a blob under the threshold is one PutObject", async () => {
    const b = bytes(1 * MiB);
    expect(await s.store.put(sha(b), b)).toBe(true);
    const seen = s3RequestsSeen(s.endpoint).filter((r) => r.includes(sha(b)));
    expect(seen.filter((r) => r.startsWith("PUT"))).toEqual([`PUT /${s.s3.bucket}/blobs/${sha(b).slice(0, 2)}/${sha(b).slice(2, 4)}/${sha(b)}`]);
  });
});
