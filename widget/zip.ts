/**
 * The zip chunk: jszip, loaded only when a BMP is chosen (SLA 4.7: BMPs go inside an archive).
 * The server refuses archives that unpack to over 100 times their size; screenshots with large
 * flat areas compress past that, so such a BMP is stored uncompressed instead.
 */
import JSZip from "jszip";
import { ATTACHMENT_LIMITS } from "../shared/limits";
import { announce } from "./chunk";
import type { ZipModule } from "./types";

// Headroom below the server's ratio for the archive's own headers.
const SAFE_RATIO = ATTACHMENT_LIMITS.maxZipRatio * 0.9;

async function zipOne(name: string, data: Blob): Promise<Blob> {
  const entry = name.split(/[/\\]/).pop() || "image.bmp";
  const make = (compression: "DEFLATE" | "STORE") => {
    const zip = new JSZip();
    zip.file(entry, data, { binary: true, date: new Date(data instanceof File ? data.lastModified : Date.now()) });
    return zip.generateAsync({ type: "blob", mimeType: "application/zip", compression, compressionOptions: { level: 6 } });
  };
  const deflated = await make("DEFLATE");
  return data.size > deflated.size * SAFE_RATIO ? make("STORE") : deflated;
}

announce({ zipOne } satisfies ZipModule);
