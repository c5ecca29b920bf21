-- "My tasks" and the unit board, ordered by deadline: without these the
-- planner read every task a person ever led and sorted them (465 ms p95 at
-- 1,000,000 tasks; 2.4 ms with them, docs/BENCHMARKS.md). The partial
-- indexes match the text FindTasks sends for open tasks exactly.
CREATE INDEX tasks_lead_due ON tasks(lead_person_id, deadline_at);
CREATE INDEX tasks_lead_open_due ON tasks(lead_person_id, deadline_at) WHERE state NOT IN ('done', 'cancelled');
CREATE INDEX tasks_unit_due ON tasks(lead_unit_id, deadline_at);
CREATE INDEX tasks_unit_open_due ON tasks(lead_unit_id, deadline_at) WHERE state NOT IN ('done', 'cancelled');
