import { ensureAssets } from "../server/build-assets";

/**
 * Builds the widget and web pages once before any suite runs, as `npm start` does, so no test
 * depends on another having built them first (a clean clone has no dist/).
 */
export default async function setup() {
  await ensureAssets((line) => process.stderr.write(`${line}\n`));
}
