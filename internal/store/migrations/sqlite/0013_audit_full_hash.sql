-- The journal's hash now covers every column, the agency included
-- (audit.ComputeHash). Events recorded before this migration keep the hash
-- they were given (audit.LegacyHash); full_hash_from is the first event
-- hashed the new way, so that verify knows which rule each event follows.
ALTER TABLE audit_head ADD COLUMN full_hash_from BIGINT NOT NULL DEFAULT 1;
UPDATE audit_head SET full_hash_from = seq + 1 WHERE id = 1;

-- Events by congvu itself or its operator (the command line, the demo, the
-- jobs) carried no agency and were shown to every agency's auditors. Give
-- the old ones the agency of the object they changed, where it is plain;
-- the old hash does not cover the agency, so the chain still holds. What
-- is left without one (the national holiday table) is shown only to the
-- system operator.
UPDATE audit_events SET agency_id = (SELECT agency_id FROM people WHERE people.id = CAST(audit_events.object_id AS BIGINT))
 WHERE agency_id IS NULL AND object_type = 'person';
UPDATE audit_events SET agency_id = (SELECT p.agency_id FROM accounts a JOIN people p ON p.id = a.person_id WHERE a.login = audit_events.object_id)
 WHERE agency_id IS NULL AND object_type = 'account';
UPDATE audit_events SET agency_id = (SELECT COALESCE(agency_id, id) FROM units WHERE units.id = CAST(audit_events.object_id AS BIGINT))
 WHERE agency_id IS NULL AND object_type = 'unit';
UPDATE audit_events SET agency_id = (SELECT agency_id FROM dossiers WHERE dossiers.code = audit_events.object_id)
 WHERE agency_id IS NULL AND object_type = 'dossier';
UPDATE audit_events SET agency_id = (SELECT agency_id FROM tasks WHERE tasks.id = CAST(audit_events.object_id AS BIGINT))
 WHERE agency_id IS NULL AND object_type = 'task';
UPDATE audit_events SET agency_id = (SELECT agency_id FROM plans WHERE plans.id = CAST(audit_events.object_id AS BIGINT))
 WHERE agency_id IS NULL AND object_type = 'plan';
UPDATE audit_events SET agency_id = CAST(object_id AS BIGINT)
 WHERE agency_id IS NULL AND object_type = 'office_hours';
UPDATE audit_events SET agency_id = (SELECT p.agency_id FROM delegations d JOIN people p ON p.id = d.from_person_id WHERE d.id = CAST(audit_events.object_id AS BIGINT))
 WHERE agency_id IS NULL AND object_type = 'delegation';
UPDATE audit_events SET agency_id = (SELECT MIN(agency_id) FROM procedures WHERE procedures.code = audit_events.object_id HAVING COUNT(DISTINCT agency_id) = 1)
 WHERE agency_id IS NULL AND object_type = 'procedure';
UPDATE audit_events SET agency_id = (SELECT MIN(COALESCE(u.agency_id, u.id)) FROM unit_successors s JOIN units u ON u.id = s.successor_id
  WHERE s.restructuring_id = CAST(audit_events.object_id AS BIGINT) HAVING COUNT(DISTINCT COALESCE(u.agency_id, u.id)) = 1)
 WHERE agency_id IS NULL AND object_type = 'restructuring';
