-- Customer data, one table per entity of DOMAIN.md section 1. Every table holding customer data leads with
-- account_id (so it can be distributed by account); money is an integer of minor units plus an ISO 4217 code.
-- Column names and sizes match the entity descriptions in tenure.api (io.tenure.api.*.TYPE).

CREATE TABLE csms (
    csm_id              VARCHAR(100) NOT NULL,
    name                VARCHAR(200) NOT NULL,
    email               VARCHAR(320),
    segment             VARCHAR(40),
    capacity            BIGINT,
    expansion_mandate   BOOLEAN,
    annual_cost_minor   BIGINT,
    currency            VARCHAR(3),
    variable_share      BIGINT,
    PRIMARY KEY (csm_id)
);

CREATE TABLE accounts (
    account_id          VARCHAR(100) NOT NULL,
    name                VARCHAR(200) NOT NULL,
    vertical            VARCHAR(40) NOT NULL,
    segment             VARCHAR(40),
    touch_model         VARCHAR(40),
    owner               VARCHAR(100),
    signed_date         DATE NOT NULL,
    stage               VARCHAR(40),
    strategic_reason    VARCHAR(500),
    complexity_reason   VARCHAR(500),
    PRIMARY KEY (account_id)
);
CREATE INDEX accounts_vertical ON accounts (vertical);
CREATE INDEX accounts_owner ON accounts (owner);

CREATE TABLE subscriptions (
    account_id          VARCHAR(100) NOT NULL,
    subscription_id     VARCHAR(100) NOT NULL,
    product             VARCHAR(200) NOT NULL,
    plan                VARCHAR(200),
    seats               BIGINT,
    arr_minor           BIGINT NOT NULL,
    currency            VARCHAR(3) NOT NULL,
    start_date          DATE NOT NULL,
    renewal_date        DATE,
    status              VARCHAR(40),
    PRIMARY KEY (account_id, subscription_id)
);
CREATE INDEX subscriptions_renewal ON subscriptions (renewal_date);

CREATE TABLE movements (
    account_id          VARCHAR(100) NOT NULL,
    movement_id         VARCHAR(100) NOT NULL,
    date                DATE NOT NULL,
    type                VARCHAR(40) NOT NULL,
    kind                VARCHAR(40),
    amount_minor        BIGINT NOT NULL,
    currency            VARCHAR(3) NOT NULL,
    source              VARCHAR(40),
    subscription_id     VARCHAR(100),
    PRIMARY KEY (account_id, movement_id)
);
CREATE INDEX movements_date ON movements (date);

CREATE TABLE contacts (
    account_id          VARCHAR(100) NOT NULL,
    contact_id          VARCHAR(100) NOT NULL,
    name                VARCHAR(200) NOT NULL,
    email               VARCHAR(320),
    role                VARCHAR(40) NOT NULL,
    seniority           VARCHAR(40),
    engaged             BOOLEAN,
    last_contact        DATE,
    joined              DATE,
    "left"              DATE,
    PRIMARY KEY (account_id, contact_id)
);

CREATE TABLE usage (
    account_id          VARCHAR(100) NOT NULL,
    date                DATE NOT NULL,
    feature             VARCHAR(200) NOT NULL,
    events              BIGINT NOT NULL,
    active_users        BIGINT,
    PRIMARY KEY (account_id, date, feature)
);

CREATE TABLE surveys (
    account_id          VARCHAR(100) NOT NULL,
    response_id         VARCHAR(100) NOT NULL,
    date                DATE NOT NULL,
    kind                VARCHAR(40),
    score               BIGINT NOT NULL,
    contact_id          VARCHAR(100),
    comment             VARCHAR(4000),
    PRIMARY KEY (account_id, response_id)
);

CREATE TABLE tickets (
    account_id          VARCHAR(100) NOT NULL,
    ticket_id           VARCHAR(100) NOT NULL,
    opened              TIMESTAMP WITH TIME ZONE NOT NULL,
    resolved            TIMESTAMP WITH TIME ZONE,
    severity            VARCHAR(40),
    tone                VARCHAR(40),
    subject             VARCHAR(500),
    PRIMARY KEY (account_id, ticket_id)
);

CREATE TABLE interactions (
    account_id          VARCHAR(100) NOT NULL,
    interaction_id      VARCHAR(100) NOT NULL,
    date                DATE NOT NULL,
    kind                VARCHAR(40) NOT NULL,
    mood                VARCHAR(40),
    contact_id          VARCHAR(100),
    meaningful          BOOLEAN,
    summary             VARCHAR(4000),
    PRIMARY KEY (account_id, interaction_id)
);

CREATE TABLE milestones (
    account_id          VARCHAR(100) NOT NULL,
    milestone_id        VARCHAR(100) NOT NULL,
    name                VARCHAR(200) NOT NULL,
    planned_date        DATE,
    reached_date        DATE,
    first_value         BOOLEAN,
    PRIMARY KEY (account_id, milestone_id)
);

CREATE TABLE handoffs (
    account_id          VARCHAR(100) NOT NULL,
    handoff_id          VARCHAR(100) NOT NULL,
    kind                VARCHAR(40) NOT NULL,
    date                DATE NOT NULL,
    from_owner          VARCHAR(100),
    to_owner            VARCHAR(100),
    goals               VARCHAR(4000),
    commitments         VARCHAR(4000),
    stakeholder_map     VARCHAR(4000),
    risk_profile        VARCHAR(4000),
    PRIMARY KEY (account_id, handoff_id)
);

CREATE TABLE stage_changes (
    account_id          VARCHAR(100) NOT NULL,
    change_id           VARCHAR(100) NOT NULL,
    date                DATE NOT NULL,
    from_stage          VARCHAR(40),
    to_stage            VARCHAR(40) NOT NULL,
    reason              VARCHAR(1000),
    PRIMARY KEY (account_id, change_id)
);

CREATE TABLE tasks (
    account_id          VARCHAR(100) NOT NULL,
    task_id             VARCHAR(100) NOT NULL,
    playbook            VARCHAR(100),
    title               VARCHAR(500) NOT NULL,
    owner               VARCHAR(100) NOT NULL,
    created             TIMESTAMP WITH TIME ZONE NOT NULL,
    due                 TIMESTAMP WITH TIME ZONE NOT NULL,
    status              VARCHAR(40),
    outcome             VARCHAR(4000),
    evidence            VARCHAR(4000),
    PRIMARY KEY (account_id, task_id)
);
CREATE INDEX tasks_owner ON tasks (owner);

CREATE TABLE opportunities (
    account_id          VARCHAR(100) NOT NULL,
    opportunity_id      VARCHAR(100) NOT NULL,
    kind                VARCHAR(40) NOT NULL,
    amount_minor        BIGINT NOT NULL,
    currency            VARCHAR(3) NOT NULL,
    source              VARCHAR(40),
    stage               VARCHAR(40),
    created_date        DATE NOT NULL,
    closed_date         DATE,
    owner               VARCHAR(100),
    PRIMARY KEY (account_id, opportunity_id)
);

CREATE TABLE referrals (
    account_id          VARCHAR(100) NOT NULL,
    referral_id         VARCHAR(100) NOT NULL,
    date                DATE NOT NULL,
    lead                VARCHAR(200) NOT NULL,
    csm                 VARCHAR(100),
    status              VARCHAR(40),
    won_arr_minor       BIGINT,
    currency            VARCHAR(3),
    referred_account_id VARCHAR(100),
    PRIMARY KEY (account_id, referral_id)
);

CREATE TABLE advocacy (
    account_id          VARCHAR(100) NOT NULL,
    activity_id         VARCHAR(100) NOT NULL,
    kind                VARCHAR(40) NOT NULL,
    date                DATE NOT NULL,
    contact_id          VARCHAR(100),
    note                VARCHAR(4000),
    PRIMARY KEY (account_id, activity_id)
);

CREATE TABLE churn_records (
    account_id          VARCHAR(100) NOT NULL,
    record_id           VARCHAR(100) NOT NULL,
    date                DATE NOT NULL,
    type                VARCHAR(40) NOT NULL,
    arr_lost_minor      BIGINT NOT NULL,
    currency            VARCHAR(3) NOT NULL,
    root_cause          VARCHAR(4000),
    feedback            VARCHAR(2000),
    PRIMARY KEY (account_id, record_id)
);
