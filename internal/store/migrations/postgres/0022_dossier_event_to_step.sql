-- A return for rework (trả lại để xử lý lại, issue #12) names the earlier
-- step the dossier goes back to; replay needs it. NULL on every other event.
ALTER TABLE dossier_events ADD COLUMN to_step INTEGER;
