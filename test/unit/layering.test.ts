import fs from "node:fs";
import path from "node:path";
import { ROOT, sourceFiles } from "../support/source-files";
import { describe, expect, test } from "vitest";

/**
 * The layering of ARCHITECTURE.md, read from the imports themselves: a rule that only lives in a
 * document drifts. Each rule names a folder and the folders its files must not import from.
 */
/** Every module a file imports, as a path from the root (relative imports resolved). */
function importsOf(file: string): string[] {
  const text = fs.readFileSync(path.join(ROOT, file), "utf8");
  // `import … from`, `export … from`, `import("…")`, and a bare `import "…"` (a stylesheet).
  const specs = [...text.matchAll(/(?:^|\n)\s*(?:import|export)\s[^;]*?from\s+["']([^"']+)["']|import\(\s*["']([^"']+)["']\s*\)|(?:^|\n)\s*import\s+["']([^"']+)["']/g)].map((m) => m[1] ?? m[2] ?? m[3]!);
  return specs.filter((s) => s.startsWith(".")).map((s) => path.relative(ROOT, path.resolve(ROOT, path.dirname(file), s)));
}

const violations = (dir: string, forbidden: string[]) =>
  sourceFiles(dir).flatMap((f) => importsOf(f).filter((i) => forbidden.some((x) => i === x || i.startsWith(`${x}/`))).map((i) => `${f} → ${i}`));

describe("layering", () => {
  test("the domain imports no service, transport or HTTP error: it answers with typed rejections", () => {
    expect(violations("server/domain", ["server/services", "server/http", "server/smtp", "server/mail", "server/errors", "server/db"])).toEqual([]);
  });

  test("the two transports stand side by side: SMTP does not reach into HTTP, nor HTTP into SMTP", () => {
    expect(violations("server/smtp", ["server/http"])).toEqual([]);
    expect(violations("server/http", ["server/smtp"])).toEqual([]);
  });

  test("services are grouped by aggregate: no service file lies loose beside the folders", () => {
    const loose = fs.readdirSync(path.join(ROOT, "server/services"), { withFileTypes: true }).filter((e) => e.isFile()).map((e) => e.name);
    expect(loose).toEqual([]);
  });

  test("the web apps import no widget module: what they share with the widget lives in ui/", () => {
    expect(violations("web", ["widget"])).toEqual([]);
  });

  test("the UI kit imports neither the widget nor the web apps: both build on it", () => {
    expect(violations("ui", ["widget", "web"])).toEqual([]);
  });

  test("the reader finds the imports it checks (a rule that reads nothing proves nothing)", () => {
    expect(importsOf("server/domain/attachments/judge.ts")).toContain("server/domain/rejection");
    expect(importsOf("web/portal/parts/FilePicker.tsx")).toContain("ui/add-files");
    expect(importsOf("web/portal/parts/edit-image.ts")).toContain("ui/editor/editor.css");
  });
});
