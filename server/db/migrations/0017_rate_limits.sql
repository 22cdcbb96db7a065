CREATE TABLE "rate_limit_windows" (
	"name" text NOT NULL,
	"address" text NOT NULL,
	"window_index" bigint NOT NULL,
	"count" integer NOT NULL,
	"expires_at" bigint NOT NULL,
	CONSTRAINT "rate_limit_windows_name_address_window_index_pk" PRIMARY KEY("name","address","window_index")
);
--> statement-breakpoint
-- By hand: drizzle has no unlogged tables. Counts need no WAL (a hit is one upsert and commits without a flush); a crash empties the table, which forgives at most a window of requests.
ALTER TABLE "rate_limit_windows" SET UNLOGGED;
