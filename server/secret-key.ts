import fs from "node:fs";
import path from "node:path";
import { randomBytes } from "node:crypto";

/**
 * The 32-byte key for signed links and credential encryption. From TIDINGS_SECRET_KEY when set;
 * otherwise generated once into DATA_DIR with owner-only permissions, so a restart keeps every
 * link and ciphertext valid.
 */
export function loadSecretKey(secretKeyHex: string | undefined, dataDir: string): Buffer {
  if (secretKeyHex) return Buffer.from(secretKeyHex, "hex");
  const file = path.join(dataDir, "secret.key");
  try {
    return Buffer.from(fs.readFileSync(file, "utf8").trim(), "hex");
  } catch (e) {
    if ((e as NodeJS.ErrnoException).code !== "ENOENT") throw e;
  }
  fs.mkdirSync(dataDir, { recursive: true });
  const key = randomBytes(32);
  try {
    fs.writeFileSync(file, key.toString("hex") + "\n", { mode: 0o600, flag: "wx" });
    return key;
  } catch (e) {
    // Another process won the race to create it: use theirs.
    if ((e as NodeJS.ErrnoException).code === "EEXIST") return Buffer.from(fs.readFileSync(file, "utf8").trim(), "hex");
    throw e;
  }
}
