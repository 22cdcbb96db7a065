CREATE INDEX "ratings_confirmed_idx" ON "ratings" USING btree ("confirmed_at");--> statement-breakpoint
CREATE INDEX "tickets_received_idx" ON "tickets" USING btree ("received_at");