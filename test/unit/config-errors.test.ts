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
