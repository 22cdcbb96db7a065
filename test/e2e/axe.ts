import { createRequire } from "node:module";
import type { Page } from "playwright-core";

const axeSource = (createRequire(import.meta.url)("axe-core") as { source: string }).source;

export interface AxeFinding {
  id: string;
  impact: string | null;
  help: string;
  targets: unknown[];
}

/**
 * Runs axe-core in the page and returns the serious and critical violations. It is evaluated
 * through the DevTools protocol, which a page's CSP does not govern, so the page under test keeps
 * its strict policy. axe reads open shadow roots, so the widget's dialog is checked too.
 */
export async function seriousViolations(page: Page): Promise<AxeFinding[]> {
  await page.evaluate(`${axeSource}\n;void 0`);
  return page.evaluate(async () => {
    const axe = (window as unknown as { axe: { run(ctx: unknown, opts: unknown): Promise<{ violations: { id: string; impact: string | null; help: string; nodes: { target: unknown[] }[] }[] }> } }).axe;
    const result = await axe.run(document, { resultTypes: ["violations"] });
    return result.violations
      .filter((v) => v.impact === "serious" || v.impact === "critical")
      .map((v) => ({ id: v.id, impact: v.impact, help: v.help, targets: v.nodes.map((n) => n.target) }));
  });
}
