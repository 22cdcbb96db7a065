// Creates a PGlite database in the directory given as argument (pglite-init.ts runs this as a
// child process). Plain JS so that it runs under plain node, with the tsx loader or without.
import { PGlite } from "@electric-sql/pglite";

const dir = process.argv[2];
if (!dir) throw new Error("usage: pglite-initdb.mjs <data directory>");
const pg = await PGlite.create(dir);
await pg.close();
