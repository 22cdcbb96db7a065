import { describe, expect, test } from "vitest";
import { toApiError } from "../../server/http/on-error";
import { CommitOutcomeUnknown } from "../../server/db/deadline";
import { StorageUnavailable } from "../../server/storage/unavailable";

const connectionClosed = () => Object.assign(new Error("write CONNECTION_CLOSED 127.0.0.1:5432"), { code: "CONNECTION_CLOSED" });

describe("the 503 tells the client what became of its request", () => {
  test("the connection failed before COMMIT: nothing was saved", () => {
    const e = toApiError(new Error("Failed query: insert …", { cause: connectionClosed() }));
    expect(e.code).toBe("UNAVAILABLE");
    expect(e.status).toBe(503);
    expect(e.headers?.["Retry-After"]).toBe("5");
    expect(e.message).toMatch(/nothing was saved/);
  });

  test("the COMMIT was sent and its reply lost: retry with the same Idempotency-Key, never 'nothing was saved'", () => {
    const e = toApiError(new CommitOutcomeUnknown(connectionClosed()));
    expect(e.code).toBe("UNAVAILABLE");
    expect(e.headers?.["Retry-After"]).toBe("5");
    expect(e.message).toMatch(/same Idempotency-Key/);
    expect(e.message).toMatch(/may or may not have been saved/);
    expect(e.message).not.toMatch(/nothing was saved/i);
  });

  test("a deadline that ran out while COMMIT was on its way counts alike", () => {
    const e = toApiError(new CommitOutcomeUnknown(Object.assign(new Error("the database did not answer within 6000 ms"), { code: "DATABASE_DEADLINE" })));
    expect(e.code).toBe("UNAVAILABLE");
    expect(e.message).toMatch(/same Idempotency-Key/);
  });
});

test("the object store's fault is a 503 about the file storage, not the database, with nothing of S3 in it", () => {
  const sdkError = Object.assign(new Error("connect ECONNREFUSED 127.0.0.1:9000"), { name: "Error", code: "ECONNREFUSED", $metadata: { attempts: 3 } });
  const e = toApiError(new StorageUnavailable("PutObject", sdkError));
  expect(e.code).toBe("UNAVAILABLE");
  expect(e.status).toBe(503);
  expect(e.headers?.["Retry-After"]).toBe("5");
  expect(e.message).toMatch(/file storage/);
  expect(e.message).not.toMatch(/database|ECONN|S3|PutObject/);
});
