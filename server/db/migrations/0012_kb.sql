-- Typo tolerance (kb_terms_trgm_idx, services/kb/search.ts); PGlite loads it in db/client.ts.
CREATE EXTENSION IF NOT EXISTS pg_trgm;--> statement-breakpoint
CREATE TABLE "kb_articles" (
	"id" bigserial PRIMARY KEY NOT NULL,
	"slug" text NOT NULL,
	"locale" text NOT NULL,
	"translation_key" text,
	"title" text NOT NULL,
	"body" text NOT NULL,
	"body_text" text DEFAULT '' NOT NULL,
	"category" text,
	"tags" text[] DEFAULT '{}'::text[] NOT NULL,
	"editions" text[] DEFAULT '{}'::text[] NOT NULL,
	"versions" text[] DEFAULT '{}'::text[] NOT NULL,
	"visibility" text DEFAULT 'draft' NOT NULL,
	"publish_at" timestamp with time zone,
	"search_vector" "tsvector" DEFAULT ''::tsvector NOT NULL,
	"revision" integer DEFAULT 1 NOT NULL,
	"created_by" text NOT NULL,
	"updated_by" text NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "kb_categories" (
	"slug" text NOT NULL,
	"locale" text NOT NULL,
	"title" text NOT NULL,
	"description" text DEFAULT '' NOT NULL,
	"position" integer DEFAULT 0 NOT NULL,
	CONSTRAINT "kb_categories_slug_locale_pk" PRIMARY KEY("slug","locale")
);
--> statement-breakpoint
CREATE TABLE "kb_deflections" (
	"id" bigserial PRIMARY KEY NOT NULL,
	"article_id" bigint,
	"site_id" bigint,
	"locale" text NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "kb_revisions" (
	"id" bigserial PRIMARY KEY NOT NULL,
	"article_id" bigint NOT NULL,
	"revision" integer NOT NULL,
	"author" text NOT NULL,
	"content" jsonb NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "kb_searches" (
	"id" bigserial PRIMARY KEY NOT NULL,
	"query" text NOT NULL,
	"locale" text NOT NULL,
	"source" text DEFAULT 'api' NOT NULL,
	"results" integer NOT NULL,
	"zero_result" boolean NOT NULL,
	"top_article_id" bigint,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "kb_terms" (
	"locale" text NOT NULL,
	"term" text NOT NULL,
	"docs" integer DEFAULT 0 NOT NULL,
	CONSTRAINT "kb_terms_locale_term_pk" PRIMARY KEY("locale","term")
);
--> statement-breakpoint
CREATE TABLE "kb_ticket_articles" (
	"ticket_id" bigint NOT NULL,
	"article_id" bigint NOT NULL,
	"kind" text NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "kb_ticket_articles_ticket_id_article_id_kind_pk" PRIMARY KEY("ticket_id","article_id","kind")
);
--> statement-breakpoint
CREATE TABLE "kb_votes" (
	"id" bigserial PRIMARY KEY NOT NULL,
	"article_id" bigint NOT NULL,
	"helpful" boolean NOT NULL,
	"voter_key" text,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
ALTER TABLE "kb_deflections" ADD CONSTRAINT "kb_deflections_article_id_kb_articles_id_fk" FOREIGN KEY ("article_id") REFERENCES "public"."kb_articles"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "kb_deflections" ADD CONSTRAINT "kb_deflections_site_id_sites_id_fk" FOREIGN KEY ("site_id") REFERENCES "public"."sites"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "kb_revisions" ADD CONSTRAINT "kb_revisions_article_id_kb_articles_id_fk" FOREIGN KEY ("article_id") REFERENCES "public"."kb_articles"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "kb_searches" ADD CONSTRAINT "kb_searches_top_article_id_kb_articles_id_fk" FOREIGN KEY ("top_article_id") REFERENCES "public"."kb_articles"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "kb_ticket_articles" ADD CONSTRAINT "kb_ticket_articles_ticket_id_tickets_id_fk" FOREIGN KEY ("ticket_id") REFERENCES "public"."tickets"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "kb_ticket_articles" ADD CONSTRAINT "kb_ticket_articles_article_id_kb_articles_id_fk" FOREIGN KEY ("article_id") REFERENCES "public"."kb_articles"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "kb_votes" ADD CONSTRAINT "kb_votes_article_id_kb_articles_id_fk" FOREIGN KEY ("article_id") REFERENCES "public"."kb_articles"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
CREATE UNIQUE INDEX "kb_articles_locale_slug_uq" ON "kb_articles" USING btree ("locale","slug");--> statement-breakpoint
CREATE INDEX "kb_articles_translation_idx" ON "kb_articles" USING btree ("translation_key");--> statement-breakpoint
CREATE INDEX "kb_articles_fts_idx" ON "kb_articles" USING gin ("search_vector");--> statement-breakpoint
CREATE INDEX "kb_deflections_created_idx" ON "kb_deflections" USING btree ("created_at");--> statement-breakpoint
CREATE UNIQUE INDEX "kb_revisions_article_uq" ON "kb_revisions" USING btree ("article_id","revision");--> statement-breakpoint
CREATE INDEX "kb_searches_zero_idx" ON "kb_searches" USING btree ("zero_result","created_at");--> statement-breakpoint
CREATE INDEX "kb_terms_trgm_idx" ON "kb_terms" USING gin ("term" gin_trgm_ops);--> statement-breakpoint
CREATE INDEX "kb_ticket_articles_article_idx" ON "kb_ticket_articles" USING btree ("article_id","kind");--> statement-breakpoint
CREATE INDEX "kb_votes_article_idx" ON "kb_votes" USING btree ("article_id","created_at");--> statement-breakpoint
CREATE UNIQUE INDEX "kb_votes_voter_uq" ON "kb_votes" USING btree ("article_id","voter_key");