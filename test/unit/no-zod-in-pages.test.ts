import { describe, expect, it } from "vitest";
import { sourceFiles, sourceText } from "../support/source-files";

/**
 * The web pages and the widget take types from the API schemas, never the schemas themselves: a
 * value import of shared/api/* (or of zod) puts zod in the bundle, which is weight, and zod's probe
 * for `new Function` is refused by the console's and portal's Trusted Types policy, an error on
 * every page (found by the console e2e suites' page-error check).
 */
const ROOTS = ["web", "widget", "ui"];
const IMPORT = /\b(import|export)\s+(type\s+)?(\{[^}]*\}|\*\s+as\s+\w+|\w+)\s+from\s+"([^"]+)"/g;


/** True when every name of `{ … }` is marked `type`. */
const onlyTypes = (names: string) =>
  names.startsWith("{") && names.slice(1, -1).split(",").map((n) => n.trim()).filter(Boolean).every((n) => n.startsWith("type "));

describe("no zod in the pages", () => {
  it("web/, widget/ and ui/ import only types from shared/api/ and zod", () => {
    const found = ROOTS.flatMap(sourceFiles).flatMap((file) =>
      [...sourceText(file).matchAll(IMPORT)]
        .filter(([, , typeOnly, names, from]) => (from!.includes("shared/api/") || from === "zod") && !typeOnly && !onlyTypes(names!))
        .map(([statement]) => `${file}: ${statement.replace(/\s+/g, " ")}`),
    );
    expect(found).toEqual([]);
  });
});
