/**
 * jszip for the portal, loaded only when a BMP is chosen (SLA 4.7: a BMP goes inside an archive).
 * Same rule as the widget's chunk (widget/zip.ts, which cannot be imported here because it hands
 * its exports to widget.js through its script element): an archive that would unpack to more
 * than the server's ratio allows is stored instead of deflated.
 */
import JSZip from "jszip";
import { ATTACHMENT_LIMITS } from "../../shared/limits";

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
