import fs from "node:fs";
import { chromium, type Browser } from "playwright-core";
import { describe } from "vitest";

/**
 * Real Chromium for the end-to-end suites: Debian's build through playwright-core. Without it the
 * suites skip locally and fail under CI=true (CONTRACT §1: in CI a suite that cannot run is a
 * failure, never a skip).
 */
export const CHROMIUM_PATH = process.env.CHROMIUM_PATH || "/usr/bin/chromium";
export const CHROMIUM_FLAGS = ["--headless", "--no-sandbox", "--disable-gpu", "--no-first-run", "--disable-background-networking"];

export function hasChromium(): boolean {
  try {
    fs.accessSync(CHROMIUM_PATH, fs.constants.X_OK);
    return true;
  } catch {
    return false;
  }
}

/** `describe` when Chromium is there; `describe.skip` locally without it; a thrown error in CI. */
export function describeBrowser(name: string, fn: () => void): void {
  if (hasChromium()) {
    describe(name, fn);
  } else if (process.env.CI === "true") {
    throw new Error(`CI=true needs Chromium at ${CHROMIUM_PATH} (set CHROMIUM_PATH): the browser suites cannot be skipped in CI`);
  } else {
    describe.skip(`${name} (no Chromium at ${CHROMIUM_PATH})`, fn);
  }
}

export function launchChromium(): Promise<Browser> {
  return chromium.launch({ executablePath: CHROMIUM_PATH, headless: true, args: CHROMIUM_FLAGS });
}
