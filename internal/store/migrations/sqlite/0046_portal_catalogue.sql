-- The public procedure catalogue and the transparency page (issue #15,
-- items 3 and 5). legal_basis is a procedure version's căn cứ pháp lý, as
-- the catalogue publishes it (one line per instrument). dossier_daily
-- counts the apologies (form 04, văn bản xin lỗi) on the day each was
-- entered, so that the public count of apology letters is a sum over days
-- like the rest of the report; the apologies already made are counted in
-- from the dossiers' histories.
ALTER TABLE procedures ADD COLUMN legal_basis TEXT NOT NULL DEFAULT '';
ALTER TABLE dossier_daily ADD COLUMN apologies INTEGER NOT NULL DEFAULT 0;
INSERT INTO dossier_daily (agency_id, unit_id, procedure_code, day, apologies)
SELECT d.agency_id, d.lead_unit_id, d.procedure_code, date(e.recorded_at / 1000000 + 25200, 'unixepoch'), COUNT(*)
FROM dossier_events e JOIN dossiers d ON d.id = e.dossier_id
WHERE e.action = 'apologize'
GROUP BY d.agency_id, d.lead_unit_id, d.procedure_code, date(e.recorded_at / 1000000 + 25200, 'unixepoch')
ON CONFLICT (agency_id, unit_id, procedure_code, day) DO UPDATE SET apologies = excluded.apologies;
