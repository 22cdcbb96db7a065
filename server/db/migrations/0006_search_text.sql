DROP INDEX "tickets_fts_idx";--> statement-breakpoint
ALTER TABLE "tickets" ADD COLUMN "search_text" text DEFAULT '' NOT NULL;--> statement-breakpoint
-- Existing tickets get an SQL approximation of server/domain/search-text.ts (quoted lines out,
-- whitespace collapsed, 4,000 characters). The old index is gone and the new one comes after, so
-- neither is maintained row by row during the update.
UPDATE "tickets" SET "search_text" = left("subject" || E'\n' || btrim(regexp_replace(regexp_replace("description", '^\s*>[^\n]*\n?', '', 'gn'), '\s+', ' ', 'g')), 4000);--> statement-breakpoint
CREATE INDEX "tickets_fts_idx" ON "tickets" USING gin (to_tsvector('simple', "search_text"));
