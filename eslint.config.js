// ESLint for the whole tree (server, shared, web, widget, ui, test, bench and the root configs).
// Type-aware: typescript-eslint's recommended-type-checked reads the same tsconfig.json that
// `npm run typecheck` uses, through the project service, so the two never disagree on what a type is.
import js from "@eslint/js";
import { defineConfig } from "eslint/config";
import tseslint from "typescript-eslint";

export default defineConfig(
  {
    // Build output, installed packages and what tools write; nothing here is ours to keep tidy.
    ignores: ["node_modules/", "dist/", "data/", "bench/results/", "coverage/", "server/db/migrations/"],
  },
  js.configs.recommended,
  tseslint.configs.recommendedTypeChecked,
  {
    languageOptions: {
      parserOptions: {
        projectService: true,
        tsconfigRootDir: import.meta.dirname,
      },
    },
    linterOptions: { reportUnusedDisableDirectives: "error" },
    rules: {
      // A promise nobody awaits loses its rejection; a deliberate fire-and-forget says so with `void`.
      "@typescript-eslint/no-floating-promises": "error",
      // Files stay small and named for what they hold (ARCHITECTURE.md, Habits).
      "max-lines": ["error", { max: 300, skipBlankLines: true, skipComments: true }],
      "max-lines-per-function": ["error", { max: 80, skipBlankLines: true, skipComments: true }],
      // `_name` marks a parameter or binding kept for its position or to drop a key from a rest.
      "@typescript-eslint/no-unused-vars": [
        "error",
        { argsIgnorePattern: "^_", varsIgnorePattern: "^_", caughtErrorsIgnorePattern: "^_", ignoreRestSiblings: true },
      ],
    },
  },
  {
    // A Preact component is its markup: the JSX tree alone of a page runs longer than a plain function.
    files: ["web/**/*.tsx", "widget/**/*.tsx", "ui/**/*.tsx"],
    rules: {
      "max-lines-per-function": ["error", { max: 150, skipBlankLines: true, skipComments: true }],
    },
  },
  {
    // In a test file `describe` callbacks are containers of tests, not functions with a body that
    // does one thing; their length is the count of cases. max-lines still bounds the file.
    files: ["test/**/*.test.ts", "test/**/*.test.tsx"],
    rules: { "max-lines-per-function": "off" },
  },
  {
    // Plain JS (this file and the worker entry that registers tsx) is outside tsconfig.json.
    files: ["**/*.js", "**/*.mjs"],
    extends: [tseslint.configs.disableTypeChecked],
    languageOptions: { globals: { process: "readonly", console: "readonly" } },
  },
);
