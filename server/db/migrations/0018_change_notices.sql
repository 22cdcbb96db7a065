-- Every process keeps some rows in memory (the calendar, whether the knowledge base has public
-- articles): a change made by any writer (a server process, the admin CLI on DATABASE_URL, psql)
-- is announced on the channel tidings_changes with the name of what changed, and each listening
-- process drops its copy (server/db/change-bus.ts). Triggers, not calls in the services, so that
-- no writer can forget one; and a NOTIFY is delivered only when its transaction commits, so no
-- process reloads the old rows. Postgres folds equal notices of one transaction into one.
-- Not on tickets: a transaction that notifies holds a lock shared by the whole cluster from its
-- commit until its end, so notifying intakes commit one at a time (-45 % of 20 concurrent inserts);
-- ticket changes are announced by the server after commit, coalesced (ChangeBus.announce).
CREATE FUNCTION tidings_announce_change() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  PERFORM pg_notify('tidings_changes', TG_ARGV[0]);
  RETURN NULL;
END
$$;
--> statement-breakpoint
CREATE TRIGGER holidays_announce AFTER INSERT OR UPDATE OR DELETE OR TRUNCATE ON holidays FOR EACH STATEMENT EXECUTE FUNCTION tidings_announce_change('calendar');
--> statement-breakpoint
CREATE TRIGGER closures_announce AFTER INSERT OR UPDATE OR DELETE OR TRUNCATE ON closures FOR EACH STATEMENT EXECUTE FUNCTION tidings_announce_change('calendar');
--> statement-breakpoint
CREATE TRIGGER calendar_settings_announce AFTER INSERT OR UPDATE OR DELETE OR TRUNCATE ON calendar_settings FOR EACH STATEMENT EXECUTE FUNCTION tidings_announce_change('calendar');
--> statement-breakpoint
CREATE TRIGGER sites_announce AFTER INSERT OR UPDATE OR DELETE OR TRUNCATE ON sites FOR EACH STATEMENT EXECUTE FUNCTION tidings_announce_change('sites');
--> statement-breakpoint
CREATE TRIGGER canned_answers_announce AFTER INSERT OR UPDATE OR DELETE OR TRUNCATE ON canned_answers FOR EACH STATEMENT EXECUTE FUNCTION tidings_announce_change('canned');
--> statement-breakpoint
CREATE TRIGGER kb_articles_announce AFTER INSERT OR UPDATE OR DELETE OR TRUNCATE ON kb_articles FOR EACH STATEMENT EXECUTE FUNCTION tidings_announce_change('kb');
