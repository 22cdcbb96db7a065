/** Finds widget.js's own script tag and reads what the site admin put on it (CONTRACT §9). */
import type { TagSettings } from "../types";

export function ownScript(): HTMLScriptElement | null {
  const current = document.currentScript;
  if (current instanceof HTMLScriptElement) return current;
  // Only when loaded as a module or injected oddly: the first tag that looks like ours.
  return document.querySelector<HTMLScriptElement>("script[data-site][src*='widget.js']");
}

export function readTag(script: HTMLScriptElement): TagSettings {
  const d = script.dataset;
  return {
    siteKey: d.site ?? "",
    productVersion: d.productVersion ?? "",
    edition: d.edition ?? "",
    phpinfoUrl: d.phpinfoUrl ?? "",
    lang: d.lang ?? "",
  };
}
