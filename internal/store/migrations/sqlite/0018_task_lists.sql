-- Task lists that scale (issue #12): every list reads its page in index
-- order, (driving column, state, deadline, id), one stream per value and
-- state merged by store/task_list.go, so no list sorts the tasks it can
-- see (the director's list sorted all 40,000 for each page: 23.5 ms).
-- lead_person_id, lead_unit_id and assigner_id have theirs since 0004
-- (SQLite's rowid is the index's last key, id).
-- "Việc tôi giao" in every state, or the open ones, as one range.
CREATE INDEX tasks_assigner_due ON tasks(assigner_id, deadline_at);
CREATE INDEX tasks_assigner_open_due ON tasks(assigner_id, deadline_at) WHERE state NOT IN ('done', 'cancelled');
CREATE INDEX tasks_agency_state_due ON tasks(agency_id, state, deadline_at);
CREATE INDEX tasks_plan_state_due ON tasks(plan_id, state, deadline_at);
CREATE INDEX tasks_parent_state_due ON tasks(parent_id, state, deadline_at);
-- Coordinated tasks in deadline order: the task's state and deadline are
-- kept beside each coordinator row (RecordTaskEvent moves them with the
-- task), since an index cannot span two tables.
ALTER TABLE task_coordinators ADD COLUMN task_state TEXT NOT NULL DEFAULT '';
ALTER TABLE task_coordinators ADD COLUMN task_deadline_at BIGINT NOT NULL DEFAULT 0;
UPDATE task_coordinators SET task_state = (SELECT state FROM tasks WHERE tasks.id = task_coordinators.task_id),
    task_deadline_at = (SELECT deadline_at FROM tasks WHERE tasks.id = task_coordinators.task_id);
CREATE INDEX task_coordinators_unit_all_due ON task_coordinators(unit_id, task_deadline_at, task_id);
CREATE INDEX task_coordinators_person_all_due ON task_coordinators(person_id, task_deadline_at, task_id);
CREATE INDEX task_coordinators_unit_due ON task_coordinators(unit_id, task_state, task_deadline_at, task_id);
CREATE INDEX task_coordinators_person_due ON task_coordinators(person_id, task_state, task_deadline_at, task_id);
