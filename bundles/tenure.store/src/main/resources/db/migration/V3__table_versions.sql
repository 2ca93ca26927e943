-- A version per table, raised by every transaction that writes to it: readers that keep a derived copy (the metrics'
-- ledger) know from one small query, on any node, whether the copy is still current.

CREATE TABLE tenure_table_versions (
    table_name          VARCHAR(100) NOT NULL,
    version             BIGINT NOT NULL,
    PRIMARY KEY (table_name)
);

INSERT INTO tenure_table_versions (table_name, version) VALUES ('csms', 0);
INSERT INTO tenure_table_versions (table_name, version) VALUES ('accounts', 0);
INSERT INTO tenure_table_versions (table_name, version) VALUES ('subscriptions', 0);
INSERT INTO tenure_table_versions (table_name, version) VALUES ('movements', 0);
INSERT INTO tenure_table_versions (table_name, version) VALUES ('contacts', 0);
INSERT INTO tenure_table_versions (table_name, version) VALUES ('usage', 0);
INSERT INTO tenure_table_versions (table_name, version) VALUES ('surveys', 0);
INSERT INTO tenure_table_versions (table_name, version) VALUES ('tickets', 0);
INSERT INTO tenure_table_versions (table_name, version) VALUES ('interactions', 0);
INSERT INTO tenure_table_versions (table_name, version) VALUES ('milestones', 0);
INSERT INTO tenure_table_versions (table_name, version) VALUES ('handoffs', 0);
INSERT INTO tenure_table_versions (table_name, version) VALUES ('stage_changes', 0);
INSERT INTO tenure_table_versions (table_name, version) VALUES ('tasks', 0);
INSERT INTO tenure_table_versions (table_name, version) VALUES ('opportunities', 0);
INSERT INTO tenure_table_versions (table_name, version) VALUES ('referrals', 0);
INSERT INTO tenure_table_versions (table_name, version) VALUES ('advocacy', 0);
INSERT INTO tenure_table_versions (table_name, version) VALUES ('churn_records', 0);
INSERT INTO tenure_table_versions (table_name, version) VALUES ('health_scores', 0);
