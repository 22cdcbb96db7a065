import { createHash } from "node:crypto";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { PNG } from "pngjs";
import { afterAll, beforeAll, describe, expect, test } from "vitest";
import { eq } from "drizzle-orm";
import { kbArticles, kbImages } from "../../server/db/schema";
import { exportFolder, importFiles, importFolder } from "../../server/services/kb/folder";
import { bmp, svg } from "../fixtures/files";
import { pngWithZipInChunk } from "../fixtures/polyglots";
import { backends, storeEnv } from "../support/stores";
import { startTestApp, type TestApp } from "../support/test-app";

/**
 * Docs as code with images (issue 16): `![..](images/x.png)` beside the Markdown is judged by its
 * bytes, stored by content and shown at /help/media/{sha256}.png, only while a public article
 * shows it; anything not a plain PNG/GIF/JPEG, or outside the folder, refuses the file.
 */
function pngImage(): Buffer {
  const p = new PNG({ width: 4, height: 3 });
  p.data.fill(0x7f);
  return PNG.sync.write(p);
}
const file = (meta: string, body: string) => `---\n${meta}\n---\n${body}\n`;

describe.each(backends())("article images from the folder on %s with %s storage", (driver, store) => {
  let t: TestApp;
  const root = fs.mkdtempSync(path.join(os.tmpdir(), "tidings-kbimg-"));
  const docs = path.join(root, "docs");
  const image = pngImage();
  const sha = createHash("sha256").update(image).digest("hex");
  const draftImage = pngImageOf(5);
  const draftSha = createHash("sha256").update(draftImage).digest("hex");
  function pngImageOf(w: number) {
    const p = new PNG({ width: w, height: 1 });
    p.data.fill(0x20);
    return PNG.sync.write(p);
  }
  const write = (name: string, content: string | Buffer) => {
    fs.mkdirSync(path.dirname(path.join(docs, name)), { recursive: true });
    fs.writeFileSync(path.join(docs, name), content);
  };

  beforeAll(async () => {
    t = await startTestApp(driver, { PUBLIC_URL: "https://help.example", ...storeEnv(store) });
    write("en/settings.md", file("slug: settings\ntitle: The settings page\nlocale: en\nvisibility: public", "Open it:\n\n![Settings page](images/settings.png \"Settings\")\n\nAnd again ![same](./images/settings.png)."));
    write("en/images/settings.png", image);
    write("en/draft.md", file("slug: soon\ntitle: Soon\nlocale: en", "![Secret](images/secret.png)"));
    write("en/images/secret.png", draftImage);
    write("bad/svg.md", file("slug: svg\ntitle: SVG\nlocale: en\nvisibility: public", "![logo](logo.svg)"));
    write("bad/logo.svg", svg());
    write("bad/bmp.md", file("slug: bmp\ntitle: BMP\nlocale: en\nvisibility: public", "![shot](shot.png)"));
    write("bad/shot.png", bmp());
    write("bad/polyglot.md", file("slug: polyglot\ntitle: Polyglot\nlocale: en\nvisibility: public", "![shot](poly.png)"));
    write("bad/poly.png", pngWithZipInChunk());
    write("bad/escape.md", file("slug: escape\ntitle: Escape\nlocale: en\nvisibility: public", "![x](../../outside.png)"));
    fs.writeFileSync(path.join(root, "outside.png"), image);
    write("bad/absolute.md", file("slug: absolute\ntitle: Absolute\nlocale: en\nvisibility: public", `![x](${path.join(root, "outside.png")})`));
    write("bad/link.md", file("slug: link\ntitle: Link\nlocale: en\nvisibility: public", "![x](link.png)"));
    fs.symlinkSync(path.join(root, "outside.png"), path.join(docs, "bad/link.png"));
  });
  afterAll(async () => {
    await t?.close();
    fs.rmSync(root, { recursive: true, force: true });
  });

  test("import stores the images by content and refuses what is no plain image or lies outside the folder", async () => {
    const report = await importFolder(t.deps, docs, "test");
    expect(report).toMatchObject({ created: 2, updated: 0, unchanged: 0, refused: 6 });
    const lines = report.refusals.join("\n");
    expect(lines).toMatch(/refused bad\/svg\.md: image logo\.svg: not a PNG, GIF or JPEG/);
    expect(lines).toMatch(/refused bad\/bmp\.md: image shot\.png: not a PNG, GIF or JPEG image by its content \(bmp\)/);
    expect(lines).toMatch(/refused bad\/polyglot\.md: image poly\.png: an image that also carries/);
    expect(lines).toMatch(/refused bad\/escape\.md: image \.\.\/\.\.\/outside\.png: only paths inside the folder/);
    expect(lines).toMatch(/refused bad\/absolute\.md: image .*: only paths inside the folder/);
    expect(lines).toMatch(/refused bad\/link\.md: image link\.png: leads outside the folder/);
    const [row] = await t.deps.db.select().from(kbArticles).where(eq(kbArticles.slug, "settings"));
    expect(row!.body).toBe(`Open it:\n\n![Settings page](/help/media/${sha}.png "Settings")\n\nAnd again ![same](/help/media/${sha}.png).`);
    expect(await t.deps.db.select({ sha256: kbImages.sha256, contentType: kbImages.contentType, size: kbImages.size }).from(kbImages).where(eq(kbImages.sha256, sha)))
      .toEqual([{ sha256: sha, contentType: "image/png", size: image.length }]);
    expect(await t.deps.blobs.exists(sha)).toBe(true);
  });

  test("the help page shows the image from /help/media, served with its type and nosniff; a draft's image is not found", async () => {
    const page = await (await t.app.request("/help/en/settings")).text();
    expect(page).toContain(`<img src="/help/media/${sha}.png" alt="Settings page" title="Settings" />`);
    const res = await t.app.request(`/help/media/${sha}.png`);
    expect(res.status).toBe(200);
    expect(res.headers.get("content-type")).toBe("image/png");
    expect(res.headers.get("x-content-type-options")).toBe("nosniff");
    expect(res.headers.get("cache-control")).toContain("immutable");
    expect(Buffer.from(await res.arrayBuffer()).equals(image)).toBe(true);
    expect((await t.app.request(`/help/media/${sha}.gif`)).status).toBe(404);
    expect((await t.app.request(`/help/media/${draftSha}.png`)).status).toBe(404);
    expect(await t.deps.blobs.exists(draftSha)).toBe(true);
    expect((await t.app.request(`/help/media/${"0".repeat(64)}.png`)).status).toBe(404);
  });

  test("re-import changes nothing; export writes the images beside the files and imports unchanged", async () => {
    for (const name of fs.readdirSync(path.join(docs, "bad"))) fs.rmSync(path.join(docs, "bad", name));
    expect(await importFolder(t.deps, docs, "test")).toMatchObject({ created: 0, updated: 0, unchanged: 2, refused: 0 });
    const out = path.join(root, "export");
    expect(await exportFolder(t.deps, out)).toBe(2);
    expect(fs.readFileSync(path.join(out, "en", "images", `${sha}.png`)).equals(image)).toBe(true);
    expect(fs.readFileSync(path.join(out, "en", "settings.md"), "utf8")).toContain(`![Settings page](images/${sha}.png "Settings")`);
    expect(fs.existsSync(path.join(out, "en", "images", `${draftSha}.png`))).toBe(true);
    expect(await importFolder(t.deps, out, "test")).toMatchObject({ created: 0, updated: 0, unchanged: 2, refused: 0 });
  });

  test("files sent without their folder (the admin API) keep stored addresses and refuse images they cannot carry", async () => {
    const report = await importFiles(t.deps, [
      { path: "en/api.md", text: file("slug: api\ntitle: API\nlocale: en\nvisibility: public", `![kept](/help/media/${sha}.png)`) },
      { path: "en/api2.md", text: file("slug: api2\ntitle: API 2\nlocale: en\nvisibility: public", "![beside](images/settings.png)") },
    ], "test");
    expect(report).toMatchObject({ created: 1, refused: 1 });
    expect(report.refusals).toEqual([expect.stringMatching(/^refused en\/api2\.md: image images\/settings\.png: images beside the Markdown are read only by an import straight into the database/)]);
  });

  test("a changed image is a changed article", async () => {
    write("en/images/settings.png", pngImageOf(7));
    expect(await importFolder(t.deps, docs, "test")).toMatchObject({ created: 0, updated: 1, unchanged: 1, refused: 0 });
  });
});
