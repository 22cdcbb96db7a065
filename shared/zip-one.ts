/**
 * One file inside a ZIP archive (SLA 4.7: a BMP goes inside an archive), for the widget's zip
 * chunk (widget/zip.ts) and the portal (web/portal/parts/FilePicker.tsx); both load it only when a
 * BMP is chosen. The server refuses archives that unpack to over 100 times their size; screenshots
 * with large flat areas compress past that, so such a file is stored uncompressed instead.
 */
import JSZip from "jszip";
import { ATTACHMENT_LIMITS } from "./limits";

// Headroom below the server's ratio for the archive's own headers.
const SAFE_RATIO = ATTACHMENT_LIMITS.maxZipRatio * 0.9;

export async function zipOne(name: string, data: Blob): Promise<Blob> {
  const entry = name.split(/[/\\]/).pop() || "image.bmp";
  const make = (compression: "DEFLATE" | "STORE") => {
    const zip = new JSZip();
    zip.file(entry, data, { binary: true, date: new Date(data instanceof File ? data.lastModified : Date.now()) });
    return zip.generateAsync({ type: "blob", mimeType: "application/zip", compression, compressionOptions: { level: 6 } });
  };
  const deflated = await make("DEFLATE");
  return data.size > deflated.size * SAFE_RATIO ? make("STORE") : deflated;
}
