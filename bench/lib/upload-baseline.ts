import { createHash } from "node:crypto";
import fs from "node:fs/promises";
import path from "node:path";
import { Hono } from "hono";

/**
 * The floor under an upload (bench/intake-upload.ts): a bare Hono route that reads the multipart
 * body with `c.req.parseBody()` as our route does, writes every file to `dir` under its sha256, and
 * answers 201. No validation, no judging of the files, no database, no middleware, no logging:
 * what our route costs above this is what judging, the ticket and the wiring cost.
 */
export function bareUploadApp(dir: string) {
  const app = new Hono();
  app.post("/api/v1/tickets", async (c) => {
    const form = await c.req.parseBody({ all: true });
    let files = 0;
    for (const raw of Object.values(form)) {
      for (const v of Array.isArray(raw) ? raw : [raw]) {
        if (typeof v === "string") continue;
        const bytes = Buffer.from(await v.arrayBuffer());
        const sha = createHash("sha256").update(bytes).digest("hex");
        await fs.writeFile(path.join(dir, sha), bytes);
        files++;
      }
    }
    return c.json({ files }, 201);
  });
  // The reason goes back in the body, where the load generator keeps the first failure it sees.
  app.onError((err, c) => c.text(`bare route failed: ${err.message}`, 500));
  return app;
}
