import { describe, expect, it } from "vitest";
import { sourceFiles, sourceText } from "../support/source-files";

/**
 * The web and the widget read answers through types from the routes' response schemas
 * (web/shared/client.ts `call<typeof schema>`), never a cast: a cast would compile on after a field
 * of the schema is renamed. This reads the sources and names any line that casts a body.
 */
const ROOTS = ["web", "widget"];
const CASTS = [
  /\.json\(\)\)?\s*as\s/, // (await res.json()) as T
  /\b(?:res|response|r)\.(?:body|data)\s+as\s/, // res.body as T
  /[^\w](?:call|conditional)<(?!typeof\s|S extends)/, // call<HandWritten>: the type argument must be a schema
  /null as [A-Z]/, // data: null as T
];


describe("responses are typed by their schemas", () => {
  it("no line in web/ or widget/ casts a response body or names a hand-written answer type", () => {
    const found = ROOTS.flatMap(sourceFiles).flatMap((file) =>
      sourceText(file).split("\n").flatMap((line, i) => (CASTS.some((re) => re.test(line)) ? [`${file}:${i + 1}: ${line.trim()}`] : [])),
    );
    expect(found).toEqual([]);
  });
});
