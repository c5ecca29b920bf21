-- Who is late (store.LateWork): the open dossiers past their due by the
-- unit and handler they sit with, the open tasks past their deadline by
-- lead unit and person. These partial indexes hold every column those
-- counts read, so that they are answered from the index alone: with the
-- narrower dossiers_open_unit and tasks_unit_open_due each late row cost a
-- lookup of the table row (docs/BENCHMARKS.md, "The director's who is late").
-- tasks_late ends its key with id, so that a task list the planner reads
-- through it still comes in (deadline_at, id) order with no sort
-- (TestTaskListPlans).
CREATE INDEX tasks_late ON tasks(lead_unit_id, deadline_at, id) INCLUDE (lead_person_id) WHERE state NOT IN ('done', 'cancelled');
CREATE INDEX dossiers_late ON dossiers(current_unit_id, statutory_due_at, paused_at, received_at, handler_id) WHERE closed_at IS NULL AND completed_at IS NULL;
