import fs from "node:fs";
import type { Readable } from "node:stream";
import {
  AbortMultipartUploadCommand, CopyObjectCommand, DeleteObjectCommand, GetObjectCommand, HeadBucketCommand, HeadObjectCommand,
  ListMultipartUploadsCommand, ListObjectsV2Command, PutObjectCommand, S3Client, type S3ClientConfig,
} from "@aws-sdk/client-s3";
import { Upload } from "@aws-sdk/lib-storage";
import type { BlobBody, BlobSource, BlobStore } from "./blob-store";
import { StorageUnavailable } from "./unavailable";

const SHA = /^[0-9a-f]{64}$/;
const MiB = 1024 * 1024;

export interface S3StoreOptions {
  bucket: string;
  region: string;
  endpoint?: string;
  forcePathStyle: boolean;
  /** Unset: the SDK's default chain (environment, shared files, instance or task role). */
  credentials?: { accessKeyId: string; secretAccessKey: string };
  /** Key prefix of the blobs: `<prefix>ab/cd/<sha256>`. */
  prefix?: string;
  /** Blobs larger than this go up as a multipart upload (lib-storage) of `partSize` parts. */
  multipartAbove?: number;
  partSize?: number;
  /** Keys per ListObjectsV2 page (S3's maximum is 1000). */
  pageSize?: number;
}

/** One S3 call (HEAD, DELETE, a list page, a copy) may take this long in all, retries included. */
const CALL_BUDGET_MS = 10_000;
/** /readyz's HEAD of the bucket: its own short budget, a success kept briefly. */
const PING_BUDGET_MS = 2_000;
const PING_CACHE_MS = 5_000;
/** Attempts of a PUT streamed from a file: each opens the file again (a consumed stream cannot be re-sent). */
const FILE_PUT_ATTEMPTS = 3;

/** What every operation needs: the two clients, the bucket and the layout of the keys. */
interface Ctx {
  client: S3Client;
  /** A body streamed from a file cannot be replayed by the SDK's retry: this client does not retry, putFile does. */
  onceClient: S3Client;
  Bucket: string;
  prefix: string;
  multipartAbove: number;
  partSize: number;
  pageSize: number;
}

/**
 * Blobs as objects under `prefix/ab/cd/<sha256>` in one bucket. Nothing half-written is ever
 * visible under a blob's key: a PutObject and a CompleteMultipartUpload appear whole or not at
 * all, and a multipart upload that fails is aborted (lib-storage does; one cut short by a crash
 * is aborted by `cleanTemp`, which the start-up sweep calls).
 */
export function s3BlobStore(opts: S3StoreOptions): BlobStore {
  const ctx: Ctx = {
    client: new S3Client(clientConfig(opts, 3)),
    onceClient: new S3Client(clientConfig(opts, 1)),
    Bucket: opts.bucket,
    prefix: opts.prefix ?? "blobs/",
    multipartAbove: opts.multipartAbove ?? 16 * MiB,
    partSize: opts.partSize ?? 8 * MiB,
    pageSize: opts.pageSize ?? 1000,
  };
  const keyOf = (sha: string) => {
    if (!SHA.test(sha)) throw new Error("invalid blob name");
    return `${ctx.prefix}${sha.slice(0, 2)}/${sha.slice(2, 4)}/${sha}`;
  };
  let pingedAt = 0;

  return {
    kind: "s3",
    async put(sha, source) {
      const Key = keyOf(sha);
      if (await head(ctx, Key) && await refresh(ctx, Key)) return false;
      await write(ctx, Key, source);
      return true;
    },
    get: (sha) => getObject(ctx, keyOf(sha)),
    exists: (sha) => head(ctx, keyOf(sha)),
    async delete(sha) {
      const Key = keyOf(sha);
      await call("DeleteObject", (abortSignal) => ctx.client.send(new DeleteObjectCommand({ Bucket: ctx.Bucket, Key }), { abortSignal }));
    },
    async *list() {
      for await (const o of listObjects(ctx)) {
        const name = o.Key?.slice(o.Key.lastIndexOf("/") + 1) ?? "";
        if (SHA.test(name) && o.Key === keyOf(name) && o.LastModified) yield { sha256: name, modifiedAt: o.LastModified };
      }
    },
    cleanTemp: (olderThanMs) => abortStaleUploads(ctx, Date.now() - olderThanMs),
    async ping() {
      // A success is kept a few seconds (probes come often, from every balancer); a failure is
      // not, so the probe turns ready as soon as the store is back.
      if (pingedAt && Date.now() - pingedAt < PING_CACHE_MS) return;
      await ctx.client.send(new HeadBucketCommand({ Bucket: ctx.Bucket }), { abortSignal: AbortSignal.timeout(PING_BUDGET_MS) })
        .catch((e: unknown) => { throw new StorageUnavailable("HeadBucket", e); });
      pingedAt = Date.now();
    },
  };
}

/** One bounded call; whatever goes wrong becomes StorageUnavailable (503 for a request). */
function call<T>(operation: string, send: (signal: AbortSignal) => Promise<T>): Promise<T> {
  return send(AbortSignal.timeout(CALL_BUDGET_MS)).catch((e: unknown) => { throw new StorageUnavailable(operation, e); });
}

function head(ctx: Ctx, Key: string): Promise<boolean> {
  return call("HeadObject", (abortSignal) =>
    ctx.client.send(new HeadObjectCommand({ Bucket: ctx.Bucket, Key }), { abortSignal }).then(() => true, (e: unknown) => {
      if (isNotFound(e)) return false;
      throw e;
    }));
}

/**
 * S3 has no touch: a copy of the object onto itself with new metadata gives it a new
 * LastModified, which is the age the orphan sweep reads. False when it vanished meanwhile.
 */
function refresh(ctx: Ctx, Key: string): Promise<boolean> {
  return call("CopyObject", (abortSignal) =>
    ctx.client.send(new CopyObjectCommand({
      Bucket: ctx.Bucket, Key, CopySource: `${ctx.Bucket}/${Key}`, MetadataDirective: "REPLACE",
      ContentType: "application/octet-stream", Metadata: { touched: new Date().toISOString() },
    }), { abortSignal }).then(() => true, (e: unknown) => {
      if (isNotFound(e)) return false;
      throw e;
    }));
}

/**
 * Small blobs in one PutObject (a file streamed from its path, never read whole into memory);
 * large ones as a multipart upload of `partSize` parts, two in flight.
 */
async function write(ctx: Ctx, Key: string, source: BlobSource): Promise<void> {
  const { client, Bucket } = ctx;
  const size = source instanceof Uint8Array ? source.byteLength : source.size;
  const multipart = size > ctx.multipartAbove;
  try {
    if (multipart) {
      const Body = source instanceof Uint8Array ? source : fs.createReadStream(source.file);
      await new Upload({ client, partSize: ctx.partSize, queueSize: 2, leavePartsOnError: false, params: { Bucket, Key, Body, ContentType: "application/octet-stream" } }).done();
    } else if (source instanceof Uint8Array) {
      await client.send(new PutObjectCommand({ Bucket, Key, Body: source, ContentType: "application/octet-stream" }));
    } else {
      await putFile(ctx, Key, source.file, source.size);
    }
  } catch (e) {
    throw new StorageUnavailable(multipart ? "multipart upload" : "PutObject", e);
  }
}

async function putFile(ctx: Ctx, Key: string, file: string, size: number): Promise<void> {
  for (let attempt = 1; ; attempt++) {
    const Body = fs.createReadStream(file);
    try {
      await ctx.onceClient.send(new PutObjectCommand({ Bucket: ctx.Bucket, Key, Body, ContentLength: size, ContentType: "application/octet-stream" }));
      return;
    } catch (e) {
      if (attempt >= FILE_PUT_ATTEMPTS || !retryable(e)) throw e;
      await new Promise((r) => setTimeout(r, 100 * 2 ** attempt));
    } finally {
      Body.destroy();
    }
  }
}

async function getObject(ctx: Ctx, Key: string): Promise<BlobBody | null> {
  // The budget covers the wait for the answer's headers only: the body may then stream for as
  // long as the client reads it (the socket timeout still cuts a connection gone silent).
  const controller = new AbortController();
  const timer = setTimeout(() => controller.abort(new Error(`no answer within ${CALL_BUDGET_MS} ms`)), CALL_BUDGET_MS);
  try {
    const out = await ctx.client.send(new GetObjectCommand({ Bucket: ctx.Bucket, Key }), { abortSignal: controller.signal });
    return { stream: out.Body as Readable, size: Number(out.ContentLength ?? 0) };
  } catch (e) {
    if (isNotFound(e)) return null;
    throw new StorageUnavailable("GetObject", e);
  } finally {
    clearTimeout(timer);
  }
}

async function* listObjects(ctx: Ctx) {
  let ContinuationToken: string | undefined;
  do {
    const token = ContinuationToken;
    const page = await call("ListObjectsV2", (abortSignal) =>
      ctx.client.send(new ListObjectsV2Command({ Bucket: ctx.Bucket, Prefix: ctx.prefix, MaxKeys: ctx.pageSize, ContinuationToken: token }), { abortSignal }));
    yield* page.Contents ?? [];
    ContinuationToken = page.IsTruncated ? page.NextContinuationToken : undefined;
  } while (ContinuationToken);
}

/** Multipart uploads begun before `cutoff` and never completed (a crash mid-upload): billed parts nobody sees. */
async function abortStaleUploads(ctx: Ctx, cutoff: number): Promise<number> {
  const { client, Bucket } = ctx;
  let removed = 0;
  let markers: { KeyMarker?: string; UploadIdMarker?: string } = {};
  do {
    const { KeyMarker, UploadIdMarker } = markers;
    const page = await call("ListMultipartUploads", (abortSignal) =>
      client.send(new ListMultipartUploadsCommand({ Bucket, Prefix: ctx.prefix, KeyMarker, UploadIdMarker }), { abortSignal }));
    for (const { Key, UploadId, Initiated } of page.Uploads ?? []) {
      if (!Key || !UploadId || !Initiated || Initiated.getTime() > cutoff) continue;
      await call("AbortMultipartUpload", (abortSignal) =>
        client.send(new AbortMultipartUploadCommand({ Bucket, Key, UploadId }), { abortSignal }).catch((e: unknown) => {
          if (!isNotFound(e)) throw e;
        }));
      removed++;
    }
    markers = page.IsTruncated ? { KeyMarker: page.NextKeyMarker, UploadIdMarker: page.NextUploadIdMarker } : {};
  } while (markers.KeyMarker);
  return removed;
}

/**
 * Bounded everywhere: a connection within 3 s, an answer's headers within 30 s (a PUT of a large
 * part included), a socket silent for 60 s is cut; S3's throttling and 5xx are retried by the SDK.
 * Checksums only where S3 requires them: the SDK's default since 2025 (CRC32 on every upload, sent
 * as an `aws-chunked` streaming body) is not understood by many S3-compatible servers, which then
 * store the chunk framing as the object's bytes. TLS and SigV4 already protect the transfer.
 */
function clientConfig(opts: S3StoreOptions, maxAttempts: number): S3ClientConfig {
  return {
    region: opts.region,
    ...(opts.endpoint ? { endpoint: opts.endpoint } : {}),
    forcePathStyle: opts.forcePathStyle,
    ...(opts.credentials ? { credentials: opts.credentials } : {}),
    maxAttempts,
    requestChecksumCalculation: "WHEN_REQUIRED",
    responseChecksumValidation: "WHEN_REQUIRED",
    requestHandler: {
      connectionTimeout: 3_000,
      requestTimeout: 30_000,
      throwOnRequestTimeout: true,
      socketTimeout: 60_000,
      // Each download streaming to a slow client holds a socket; the SDK's default is 50.
      httpAgent: { maxSockets: 256 },
      httpsAgent: { maxSockets: 256 },
    },
  };
}

function status(e: unknown): number | undefined {
  return (e as { $metadata?: { httpStatusCode?: number } }).$metadata?.httpStatusCode;
}

/** The object (or upload) is not there; a missing bucket is a fault of the setup, not an absent blob. */
function isNotFound(e: unknown): boolean {
  const name = (e as { name?: unknown }).name;
  if (name === "NoSuchBucket") return false;
  return name === "NoSuchKey" || name === "NotFound" || name === "NoSuchUpload" || status(e) === 404;
}

/** Worth another attempt: the network, a timeout, throttling or a server error, not a refusal. */
function retryable(e: unknown): boolean {
  const s = status(e);
  return s === undefined || s >= 500 || s === 429;
}
