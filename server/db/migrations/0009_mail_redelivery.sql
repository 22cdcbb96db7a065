DROP INDEX "inbound_mails_message_id_uq";--> statement-breakpoint
-- A reused Message-ID no longer makes a mail a duplicate: only Message-ID and content hash together
-- do (server/domain/mail/content-hash.ts). Rows from before keep a null hash; nulls never collide
-- in a unique index, and storage treats a Message-ID seen with a null hash as the same mail.
ALTER TABLE "inbound_mails" ADD COLUMN "content_sha256" text;--> statement-breakpoint
ALTER TABLE "inbound_mails" ADD COLUMN "message_id_reused" boolean DEFAULT false NOT NULL;--> statement-breakpoint
CREATE UNIQUE INDEX "inbound_mails_message_id_content_uq" ON "inbound_mails" USING btree ("message_id","content_sha256");