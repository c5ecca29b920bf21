-- Task lists that scale (issue #12): every list reads its page in index
-- order, (driving column, state, deadline, id), one stream per value and
-- state merged by store/task_list.go, so no list sorts the tasks it can
-- see. PostgreSQL needs id in the index for ORDER BY deadline_at, id
-- without a Sort node, so the indexes of 0004 and 0005 gain it.
DROP INDEX tasks_lead;
CREATE INDEX tasks_lead ON tasks(lead_person_id, state, deadline_at, id);
DROP INDEX tasks_unit;
CREATE INDEX tasks_unit ON tasks(lead_unit_id, state, deadline_at, id);
DROP INDEX tasks_assigner;
CREATE INDEX tasks_assigner ON tasks(assigner_id, state, deadline_at, id);
DROP INDEX tasks_lead_due;
CREATE INDEX tasks_lead_due ON tasks(lead_person_id, deadline_at, id);
DROP INDEX tasks_lead_open_due;
CREATE INDEX tasks_lead_open_due ON tasks(lead_person_id, deadline_at, id) WHERE state NOT IN ('done', 'cancelled');
DROP INDEX tasks_unit_due;
CREATE INDEX tasks_unit_due ON tasks(lead_unit_id, deadline_at, id);
DROP INDEX tasks_unit_open_due;
CREATE INDEX tasks_unit_open_due ON tasks(lead_unit_id, deadline_at, id) WHERE state NOT IN ('done', 'cancelled');
-- "Việc tôi giao" in every state, or the open ones, as one range.
CREATE INDEX tasks_assigner_due ON tasks(assigner_id, deadline_at, id);
CREATE INDEX tasks_assigner_open_due ON tasks(assigner_id, deadline_at, id) WHERE state NOT IN ('done', 'cancelled');
CREATE INDEX tasks_agency_state_due ON tasks(agency_id, state, deadline_at, id);
CREATE INDEX tasks_plan_state_due ON tasks(plan_id, state, deadline_at, id);
CREATE INDEX tasks_parent_state_due ON tasks(parent_id, state, deadline_at, id);
-- Coordinated tasks in deadline order: the task's state and deadline are
-- kept beside each coordinator row (RecordTaskEvent moves them with the
-- task), since an index cannot span two tables.
ALTER TABLE task_coordinators ADD COLUMN task_state TEXT NOT NULL DEFAULT '';
ALTER TABLE task_coordinators ADD COLUMN task_deadline_at BIGINT NOT NULL DEFAULT 0;
UPDATE task_coordinators c SET task_state = t.state, task_deadline_at = t.deadline_at FROM tasks t WHERE t.id = c.task_id;
CREATE INDEX task_coordinators_unit_all_due ON task_coordinators(unit_id, task_deadline_at, task_id);
CREATE INDEX task_coordinators_person_all_due ON task_coordinators(person_id, task_deadline_at, task_id);
CREATE INDEX task_coordinators_unit_due ON task_coordinators(unit_id, task_state, task_deadline_at, task_id);
CREATE INDEX task_coordinators_person_due ON task_coordinators(person_id, task_state, task_deadline_at, task_id);
