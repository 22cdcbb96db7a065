import fs from "node:fs";
import path from "node:path";
import { randomBytes } from "node:crypto";

/**
 * How the admin CLI reaches a server that holds the embedded database (PGlite is one process at a
 * time, so the CLI cannot open it beside the server). The server writes its address and a fresh
 * bearer token to DATA_DIR/cli.json, readable by its own user only — the user who could read the
 * database files anyway — and removes it when it stops.
 */
export interface LocalAccess { url: string; token: string; pid: number }

const fileOf = (dataDir: string) => path.join(dataDir, "cli.json");

export function writeLocalAccess(dataDir: string, url: string): { token: string; remove(): void } {
  const token = randomBytes(32).toString("base64url");
  const file = fileOf(dataDir);
  fs.rmSync(file, { force: true });
  fs.writeFileSync(file, JSON.stringify({ url, token, pid: process.pid } satisfies LocalAccess), { mode: 0o600, flag: "wx" });
  const remove = () => {
    try {
      if ((JSON.parse(fs.readFileSync(file, "utf8")) as LocalAccess).pid === process.pid) fs.rmSync(file, { force: true });
    } catch { /* already gone */ }
  };
  process.once("exit", remove);
  return { token, remove };
}

export function readLocalAccess(dataDir: string): LocalAccess | null {
  try {
    const v = JSON.parse(fs.readFileSync(fileOf(dataDir), "utf8")) as Partial<LocalAccess>;
    return typeof v.url === "string" && typeof v.token === "string" && typeof v.pid === "number" ? (v as LocalAccess) : null;
  } catch {
    return null;
  }
}

/** The address the CLI calls: a wildcard listener is reached on loopback. */
export function localUrl(address: string, port: number): string {
  const host = address === "0.0.0.0" || address === "::" || address === "" ? "127.0.0.1" : address;
  return `http://${host.includes(":") ? `[${host}]` : host}:${port}`;
}
