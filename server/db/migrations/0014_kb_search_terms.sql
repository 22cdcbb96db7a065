CREATE TABLE "kb_locale_stats" (
	"locale" text PRIMARY KEY NOT NULL,
	"articles" integer DEFAULT 0 NOT NULL
);
--> statement-breakpoint
CREATE TABLE "kb_parts" (
	"locale" text NOT NULL,
	"term" text NOT NULL,
	"docs" integer DEFAULT 0 NOT NULL,
	CONSTRAINT "kb_parts_locale_term_pk" PRIMARY KEY("locale","term")
);
--> statement-breakpoint
DROP INDEX "kb_articles_fts_idx";--> statement-breakpoint
DROP INDEX "kb_terms_trgm_idx";--> statement-breakpoint
CREATE INDEX "kb_parts_prefix_idx" ON "kb_parts" USING btree ("locale","term" text_pattern_ops);--> statement-breakpoint
CREATE INDEX "kb_articles_fts_idx" ON "kb_articles" USING gin ("search_vector") WITH (fastupdate=false);--> statement-breakpoint
CREATE INDEX "kb_terms_trgm_idx" ON "kb_terms" USING gin ("term" gin_trgm_ops) WITH (fastupdate=false);--> statement-breakpoint
-- Backfill from the articles already indexed (services/kb/index-article.ts keeps both current from here on).
INSERT INTO "kb_locale_stats" ("locale", "articles") SELECT "locale", count(*)::int FROM "kb_articles" GROUP BY "locale";--> statement-breakpoint
INSERT INTO "kb_parts" ("locale", "term", "docs")
	SELECT a."locale", p.lexeme, count(*)::int FROM "kb_articles" a, unnest(tsvector_to_array(ts_filter(a."search_vector", '{b,d}'))) AS p(lexeme) GROUP BY 1, 2;
