/**
 * The zip chunk: jszip with the archiving rule (shared/zip-one.ts), loaded only when a BMP is
 * chosen. It hands its export to widget.js through its script element (chunk.ts).
 */
import { zipOne } from "../shared/zip-one";
import { announce } from "./chunk";
import type { ZipModule } from "./types";

announce({ zipOne } satisfies ZipModule);
