import { z } from "zod";
import { KB_LIMITS } from "../kb";

/**
 * Docs as code through a running server (issue 16: `tidings kb import/export` "works while a
 * server runs"): the CLI sends the folder's files to the admin API, or gets them from it, when
 * the server holds the embedded database.
 */
export const KB_FOLDER_LIMITS = { files: 5000, path: 500, text: KB_LIMITS.body + 20_000, bytes: 64 * 1024 * 1024 } as const;

const file = z.object({
  path: z.string().min(1).max(KB_FOLDER_LIMITS.path).meta({ description: "Relative to the folder, with / between parts, e.g. en/ssl.md." }),
  text: z.string().max(KB_FOLDER_LIMITS.text).meta({ description: "The whole file: YAML front matter, then the Markdown body." }),
});
export const kbFolderSchema = z.object({ files: z.array(file).max(KB_FOLDER_LIMITS.files) }).meta({ id: "KbFolder" });
export type KbFolder = z.output<typeof kbFolderSchema>;

export const kbImportReportSchema = z.object({
  created: z.number().int(), updated: z.number().int(), unchanged: z.number().int(), refused: z.number().int(),
  refusals: z.array(z.string()).meta({ description: 'A line per refused file: "refused PATH: reason".' }),
}).meta({ id: "KbImportReport" });
