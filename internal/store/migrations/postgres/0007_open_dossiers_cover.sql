-- The period report counts the dossiers open now (for a period ending today
-- or later) per lead unit, with how many are overdue and paused. With the
-- due instant, pause and receipt in the index, the count reads the index
-- alone instead of every open dossier's row: at 10 million dossiers about
-- 120,000 are open. The queues keep the same leading columns.
DROP INDEX dossiers_open_lead;
CREATE INDEX dossiers_open_lead ON dossiers(lead_unit_id, statutory_due_at, paused_at, received_at) WHERE closed_at IS NULL AND completed_at IS NULL;
