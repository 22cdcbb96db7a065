CREATE TABLE "mail_alerts" (
	"id" bigserial PRIMARY KEY NOT NULL,
	"kind" text NOT NULL,
	"code" text,
	"reply" text NOT NULL,
	"to_address" text,
	"outbox_id" bigint,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "mail_suppression_lifts" (
	"id" bigserial PRIMARY KEY NOT NULL,
	"email" text NOT NULL,
	"reason" text NOT NULL,
	"code" text,
	"outbox_id" bigint,
	"suppressed_at" timestamp with time zone NOT NULL,
	"lifted_by" text NOT NULL,
	"lifted_at" timestamp with time zone NOT NULL,
	"requeued" integer NOT NULL
);
--> statement-breakpoint
ALTER TABLE "mail_suppressions" ADD COLUMN "code" text;--> statement-breakpoint
ALTER TABLE "outbox" ADD COLUMN "note" text;--> statement-breakpoint
CREATE INDEX "mail_alerts_created_idx" ON "mail_alerts" USING btree ("created_at");--> statement-breakpoint
CREATE INDEX "mail_suppression_lifts_email_idx" ON "mail_suppression_lifts" USING btree ("email","lifted_at");