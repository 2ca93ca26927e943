-- The steps of a task's playbook, and what came of it: the play that was run (a save play, a hand-off to sales, a referral request), how it ended,
-- and when the task was closed. The playbooks read the scores of the latest scored day.

ALTER TABLE tasks ADD COLUMN play VARCHAR(100);
ALTER TABLE tasks ADD COLUMN result VARCHAR(40);
ALTER TABLE tasks ADD COLUMN completed TIMESTAMP WITH TIME ZONE;
ALTER TABLE tasks ADD COLUMN steps VARCHAR(4000);
CREATE INDEX tasks_due ON tasks (due);
CREATE INDEX health_scores_date ON health_scores (date);
