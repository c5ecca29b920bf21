-- The agency of the person who acted, so that each agency's administrators,
-- director and inspectors read their own journal. It is visibility
-- metadata derived from the actor, not part of the hashed evidence; system
-- entries (the operator's commands, the demo) have none and are shown to all.
ALTER TABLE audit_events ADD COLUMN agency_id BIGINT;
CREATE INDEX audit_events_agency ON audit_events(agency_id, seq);
