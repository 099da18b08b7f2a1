-- The history of a SAT request is append-only: a line, once written, is never rewritten.
-- (Rows still go away with their request or tenant, through the ON DELETE CASCADE.)
CREATE FUNCTION sat_request_events_append_only() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  RAISE EXCEPTION 'sat_request_events is append-only' USING ERRCODE = 'insufficient_privilege';
END;
$$;
--> statement-breakpoint
CREATE TRIGGER sat_request_events_no_update
  BEFORE UPDATE ON sat_request_events
  FOR EACH ROW EXECUTE FUNCTION sat_request_events_append_only();
