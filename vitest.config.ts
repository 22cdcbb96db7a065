import { configDefaults, defineConfig } from "vitest/config";

// One config for every suite. Integration suites open their own databases (PGlite in memory, and a
// fresh Postgres database per file when TEST_DATABASE_URL is set), so files may run in parallel.
export default defineConfig({
  test: {
    include: ["test/**/*.test.ts", "test/**/*.test.tsx"],
    // The suite through a real Postfix is optional (docs/mail.md): only with MAIL_MTA_TEST=1, never a skipped suite in CI.
    exclude: process.env.MAIL_MTA_TEST === "1" ? configDefaults.exclude : [...configDefaults.exclude, "test/integration/mail-mta.test.ts"],
    testTimeout: 60_000,
    hookTimeout: 60_000,
    pool: "forks",
    globalSetup: ["test/global-setup.ts"],
  },
});
