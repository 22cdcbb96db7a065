import { createCipheriv, createDecipheriv, hkdfSync, randomBytes } from "node:crypto";

/**
 * AES-256-GCM for the credentials vault (SLA 4.3). The key is derived from TIDINGS_SECRET_KEY for
 * this purpose only; every secret gets a fresh 96-bit nonce; the ticket id is bound in as
 * associated data, so a sealed value copied onto another ticket does not open.
 */
function vaultKey(secret: Buffer): Buffer {
  return Buffer.from(hkdfSync("sha256", secret, Buffer.alloc(0), "tidings credentials vault v1", 32));
}

export function seal(secret: Buffer, ticketId: number, plaintext: string): string {
  const nonce = randomBytes(12);
  const cipher = createCipheriv("aes-256-gcm", vaultKey(secret), nonce);
  cipher.setAAD(Buffer.from(`ticket:${ticketId}`));
  const body = Buffer.concat([cipher.update(plaintext, "utf8"), cipher.final()]);
  return Buffer.concat([nonce, body, cipher.getAuthTag()]).toString("base64");
}

export function open(secret: Buffer, ticketId: number, sealed: string): string {
  const buf = Buffer.from(sealed, "base64");
  const decipher = createDecipheriv("aes-256-gcm", vaultKey(secret), buf.subarray(0, 12));
  decipher.setAAD(Buffer.from(`ticket:${ticketId}`));
  decipher.setAuthTag(buf.subarray(buf.length - 16));
  return Buffer.concat([decipher.update(buf.subarray(12, buf.length - 16)), decipher.final()]).toString("utf8");
}
