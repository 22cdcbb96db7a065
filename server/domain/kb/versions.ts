import { KB_VERSION_PATTERN } from "../../../shared/kb";

/**
 * Which product versions an article applies to. A pattern is an exact version, a prefix ending in
 * `.*` (`24.*` covers 24, 24.1 and 24.100.3, never 240.1), or `*`. No patterns: every version.
 * services/kb/search.ts filters with the same rule in SQL (versionSql); keep the two in step.
 */
export const isVersionPattern = (p: string) => KB_VERSION_PATTERN.test(p);

export function versionMatches(patterns: readonly string[], version: string): boolean {
  if (patterns.length === 0) return true;
  return patterns.some((p) => p === "*" || p === version || (p.endsWith(".*") && (version === p.slice(0, -2) || version.startsWith(p.slice(0, -1)))));
}
