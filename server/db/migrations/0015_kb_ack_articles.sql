ALTER TABLE "sites" ADD COLUMN "ack_articles" boolean DEFAULT true NOT NULL;
--> statement-breakpoint
-- The search log keeps no addresses or phone numbers (issue 16): whatever writes a row, a query's
-- email addresses become [email] and runs of seven or more digits (phone numbers) become [number].
CREATE FUNCTION kb_searches_redact(q text) RETURNS text LANGUAGE sql IMMUTABLE AS $$
  SELECT regexp_replace(
    regexp_replace(q, '[^[:space:]@<>()",;:]+@[^[:space:]@<>()",;:]+', '[email]', 'g'),
    '\+?[0-9](?:[ ()/.-]{0,2}[0-9]){6,}', '[number]', 'g')
$$;
--> statement-breakpoint
CREATE FUNCTION kb_searches_redact_row() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  NEW.query := kb_searches_redact(NEW.query);
  RETURN NEW;
END
$$;
--> statement-breakpoint
CREATE TRIGGER kb_searches_redact BEFORE INSERT OR UPDATE OF query ON kb_searches FOR EACH ROW EXECUTE FUNCTION kb_searches_redact_row();
--> statement-breakpoint
UPDATE kb_searches SET query = query WHERE query ~ '[@0-9]';
