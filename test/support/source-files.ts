import fs from "node:fs";
import path from "node:path";

/** The repository's root, whatever folder the tests run from. */
export const ROOT = path.resolve(import.meta.dirname, "../..");

/** The TypeScript files under a folder of the repository, as paths from its root (for the tests that read the sources). */
export function sourceFiles(dir: string): string[] {
  return fs.readdirSync(path.join(ROOT, dir), { withFileTypes: true, recursive: true })
    .filter((e) => e.isFile() && /\.(ts|tsx)$/.test(e.name))
    .map((e) => path.relative(ROOT, path.join(e.parentPath, e.name)));
}

/** A source file's text, by its path from the root. */
export const sourceText = (file: string) => fs.readFileSync(path.join(ROOT, file), "utf8");
