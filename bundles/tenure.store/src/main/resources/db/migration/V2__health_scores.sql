-- The history of health scores: one row per account and day, the latest being the account's current health.

CREATE TABLE health_scores (
    account_id          VARCHAR(100) NOT NULL,
    date                DATE NOT NULL,
    score               BIGINT NOT NULL,
    status              VARCHAR(40) NOT NULL,
    usage               BIGINT,
    sentiment           BIGINT,
    relationship        BIGINT,
    explanation         VARCHAR(4000),
    PRIMARY KEY (account_id, date)
);
