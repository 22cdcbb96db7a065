CREATE TABLE "canned_answers" (
	"id" bigserial PRIMARY KEY NOT NULL,
	"title" text NOT NULL,
	"locale" text DEFAULT 'en' NOT NULL,
	"body" text NOT NULL,
	"category" text DEFAULT 'docs' NOT NULL,
	"updated_by" text NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE INDEX "tickets_fts_idx" ON "tickets" USING gin (to_tsvector('simple', "subject" || ' ' || "description"));