import fs from "node:fs";
import fsp from "node:fs/promises";
import os from "node:os";
import path from "node:path";
import S3rver, { type S3rverContext } from "s3rver";

/** s3rver's default credentials: it checks every request's SigV4 signature against them. */
const ACCESS_KEY_ID = "S3RVER";
const SECRET_ACCESS_KEY = "S3RVER";
const REGION = "us-east-1";

/**
 * A real S3-protocol server (s3rver 3.7.1) on 127.0.0.1, a free port, in a fresh temporary
 * directory, with one bucket created. `env` is what a Tidings process needs to use it.
 *
 * s3rver lacks three things the store relies on, added here in front of its routes (test support
 * only; the product talks plain S3):
 * - ListMultipartUploads (GET /bucket?uploads) answered 501 NotImplemented;
 * - AbortMultipartUpload (DELETE /bucket/key?uploadId=…) answered 405 MethodNotAllowed;
 * - ListObjectsV2 answered a truncated page with 500: its continuation token is DES-encrypted,
 *   which OpenSSL 3 (Node 17 and later) refuses (ERR_OSSL_EVP_UNSUPPORTED);
 * - CopyObject onto itself with MetadataDirective REPLACE kept the old LastModified (s3rver takes
 *   it from the file's mtime, which a metadata-only copy does not change); S3 sets a new one.
 */
export async function startS3Server(): Promise<{ env: Record<string, string>; endpoint: string; bucket: string; close(): Promise<void> }> {
  const directory = fs.mkdtempSync(path.join(os.tmpdir(), "tidings-s3-"));
  const bucket = "tidings-test";
  const server = new S3rver({ address: "127.0.0.1", port: 0, directory, silent: true, configureBuckets: [{ name: bucket }] });
  // Before the router (the last middleware), after the ones that turn a plain-object body into XML.
  const seen: string[] = [];
  server.middleware.splice(server.middleware.length - 1, 0, missingOperations(directory, seen));
  const address = await server.run();
  const endpoint = `http://127.0.0.1:${address.port}`;
  requestLogs.set(endpoint, seen);
  return {
    env: {
      STORAGE: "s3",
      S3_ENDPOINT: endpoint,
      S3_BUCKET: bucket,
      S3_REGION: REGION,
      S3_FORCE_PATH_STYLE: "true",
      S3_ACCESS_KEY_ID: ACCESS_KEY_ID,
      S3_SECRET_ACCESS_KEY: SECRET_ACCESS_KEY,
    },
    endpoint,
    bucket,
    async close() {
      requestLogs.delete(endpoint);
      await server.close();
      fs.rmSync(directory, { recursive: true, force: true });
    },
  };
}

const requestLogs = new Map<string, string[]>();

/**
 * The requests the server at `endpoint` has answered so far, as "METHOD /bucket/key?query-names"
 * (e.g. "PUT /tidings-test/blobs/ab/cd/…?partNumber&uploadId"): how a test sees that a put was multipart.
 */
export function s3RequestsSeen(endpoint: string): string[] {
  return [...(requestLogs.get(endpoint) ?? [])];
}

/** Where s3rver's file store keeps a bucket's multipart uploads: one folder per upload id. */
const uploadsDir = (root: string, bucket: string) => path.join(root, bucket, "._S3rver_uploads");
/** And an object's bytes (keys are stored as nested folders, the last part with a suffix). */
const objectPath = (root: string, bucket: string, key: string) => {
  const parts = key.split("/");
  const last = parts.pop()!;
  return path.join(root, bucket, ...parts, `${last}._S3rver_object`);
};

function missingOperations(root: string, seen: string[]) {
  return async (ctx: S3rverContext, next: () => Promise<void>) => {
    const names = Object.keys(ctx.query).filter((q) => q !== "x-id").sort();
    seen.push(`${ctx.method} ${ctx.path}${names.length ? `?${names.join("&")}` : ""}`);
    const [, bucket = "", ...rest] = ctx.path.split("/");
    const key = decodeURIComponent(rest.join("/"));
    if (ctx.method === "GET" && bucket && !key && "uploads" in ctx.query) {
      ctx.body = await listUploads(root, bucket, ctx.query.prefix ?? "");
      return;
    }
    if (ctx.method === "GET" && bucket && !key && ctx.query["list-type"] === "2") {
      ctx.body = await listObjectsV2(ctx, bucket);
      return;
    }
    if (ctx.method === "DELETE" && key && typeof ctx.query.uploadId === "string") {
      const dir = path.join(uploadsDir(root, bucket), path.basename(ctx.query.uploadId));
      if (!fs.existsSync(dir)) {
        ctx.status = 404;
        ctx.type = "application/xml";
        ctx.body = { Error: { Code: "NoSuchUpload", Message: "The specified upload does not exist." } };
        return;
      }
      await fsp.rm(dir, { recursive: true, force: true });
      ctx.status = 204;
      return;
    }
    await next();
    const source = ctx.headers["x-amz-copy-source"];
    if (ctx.method === "PUT" && typeof source === "string" && ctx.status === 200 && ctx.headers["x-amz-metadata-directive"] === "REPLACE"
      && decodeURIComponent(source.replace(/^\//, "")) === `${bucket}/${key}`) {
      const now = new Date();
      await fsp.utimes(objectPath(root, bucket, key), now, now);
      const result = (ctx.body as { CopyObjectResult?: { LastModified?: string } }).CopyObjectResult;
      if (result) result.LastModified = now.toISOString();
    }
  };
}

/** ListObjectsV2 on s3rver's store, with a plain continuation token (the last key, base64url). */
async function listObjectsV2(ctx: S3rverContext, bucket: string) {
  const prefix = ctx.query.prefix ?? "";
  const token = ctx.query["continuation-token"];
  const startAfter = token ? Buffer.from(token, "base64url").toString("utf8") : (ctx.query["start-after"] ?? "");
  const maxKeys = Math.min(1000, Number(ctx.query["max-keys"] ?? 1000));
  const { objects, isTruncated } = await ctx.store.listObjects(bucket, { prefix, startAfter, maxKeys });
  const last = objects.at(-1);
  return {
    ListBucketResult: {
      Name: bucket,
      Prefix: prefix,
      ...(token ? { ContinuationToken: token } : {}),
      ...(isTruncated && last ? { NextContinuationToken: Buffer.from(last.key).toString("base64url") } : {}),
      KeyCount: objects.length,
      MaxKeys: maxKeys,
      IsTruncated: isTruncated,
      Contents: objects.map((o) => ({ Key: o.key, LastModified: o.lastModifiedDate.toISOString(), ETag: o.metadata.etag, Size: o.size, StorageClass: "STANDARD" })),
    },
  };
}

async function listUploads(root: string, bucket: string, prefix: string) {
  const dir = uploadsDir(root, bucket);
  const ids = await fsp.readdir(dir).catch(() => [] as string[]);
  const uploads = [];
  for (const id of ids.sort()) {
    const key = await fsp.readFile(path.join(dir, id, "key"), "utf8").catch(() => null);
    if (key === null || !key.startsWith(prefix)) continue;
    const st = await fsp.stat(path.join(dir, id));
    uploads.push({ Key: key, UploadId: id, Initiated: st.birthtime.getTime() ? st.birthtime.toISOString() : st.mtime.toISOString(), StorageClass: "STANDARD" });
  }
  return {
    ListMultipartUploadsResult: { Bucket: bucket, Prefix: prefix, MaxUploads: 1000, IsTruncated: false, ...(uploads.length ? { Upload: uploads } : {}) },
  };
}
