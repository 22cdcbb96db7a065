import { describe, expect, test } from "vitest";
import { loadConfig } from "../../server/config";

/** A bad value stops the start with one line an operator can act on: the variable, the rule, the value. */
describe("configuration errors", () => {
  test.each(["abc", "80.5", "70000", "-1"])("PORT=%s is named plainly, with the value", (value) => {
    expect(() => loadConfig({ PORT: value })).toThrow(`Invalid configuration: PORT must be a port number from 0 to 65535 (got "${value}")`);
  });

  test("secrets and URLs are never echoed", () => {
    expect(() => loadConfig({ TIDINGS_ADMIN_TOKEN: "short-secret" })).toThrow(/^Invalid configuration: TIDINGS_ADMIN_TOKEN must be at least 16 characters$/);
    expect(() => loadConfig({ DATABASE_URL: "mysql://user:hunter2@db" })).not.toThrow(/hunter2/);
  });
});

describe("object storage settings", () => {
  const s3 = { STORAGE: "s3", S3_BUCKET: "tidings-files" };

  test("STORAGE=s3 needs S3_BUCKET, named in the one line", () => {
    expect(() => loadConfig({ STORAGE: "s3" })).toThrow(/^Invalid configuration: S3_BUCKET is required when STORAGE=s3$/);
    expect(() => loadConfig({ STORAGE: "gcs" })).toThrow(/^Invalid configuration: STORAGE must be fs or s3 \(got "gcs"\)$/);
  });

  test("defaults: us-east-1, virtual-hosted style, the SDK's default credentials", () => {
    expect(loadConfig(s3).s3).toEqual({ bucket: "tidings-files", region: "us-east-1", endpoint: undefined, forcePathStyle: false, credentials: undefined });
    expect(loadConfig({}).s3).toBeNull();
  });

  test("an endpoint, path style and static keys", () => {
    const c = loadConfig({ ...s3, S3_ENDPOINT: "http://127.0.0.1:9000", S3_FORCE_PATH_STYLE: "true", S3_REGION: "eu-central-1", S3_ACCESS_KEY_ID: "AKIAEXAMPLE", S3_SECRET_ACCESS_KEY: "wJalrXUtnFEMI" });
    expect(c.s3).toEqual({ bucket: "tidings-files", region: "eu-central-1", endpoint: "http://127.0.0.1:9000", forcePathStyle: true, credentials: { accessKeyId: "AKIAEXAMPLE", secretAccessKey: "wJalrXUtnFEMI" } });
  });

  test("keys both or neither; bad values named without echoing secrets or the endpoint", () => {
    expect(() => loadConfig({ ...s3, S3_ACCESS_KEY_ID: "AKIAEXAMPLE" })).toThrow(/^Invalid configuration: S3_SECRET_ACCESS_KEY must be set together with the other/);
    expect(() => loadConfig({ ...s3, S3_SECRET_ACCESS_KEY: "hunter2hunter2" })).toThrow(/^Invalid configuration: S3_ACCESS_KEY_ID must be set together/);
    expect(() => loadConfig({ ...s3, S3_ENDPOINT: "ftp://user:hunter2@files" })).toThrow(/^Invalid configuration: S3_ENDPOINT must be an http:\/\/ or https:\/\/ URL$/);
    expect(() => loadConfig({ ...s3, S3_FORCE_PATH_STYLE: "yes" })).toThrow(/S3_FORCE_PATH_STYLE must be true or false/);
    expect(() => loadConfig({ ...s3, S3_BUCKET: "Bad_Bucket" })).toThrow(/S3_BUCKET must be a bucket name/);
  });
});
