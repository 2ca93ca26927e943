-- Renewal forecast overrides: the bucket a person put one renewal in, with the reason, who and when, and the health
-- status the account had at that moment (a red account cannot be committed without a reason).

CREATE TABLE forecast_overrides (
    account_id          VARCHAR(100) NOT NULL,
    subscription_id     VARCHAR(100) NOT NULL,
    renewal_date        DATE NOT NULL,
    bucket              VARCHAR(40) NOT NULL,
    reason              VARCHAR(2000),
    health              VARCHAR(40) NOT NULL,
    set_by              VARCHAR(100) NOT NULL,
    set_at              TIMESTAMP WITH TIME ZONE NOT NULL,
    PRIMARY KEY (account_id, subscription_id, renewal_date)
);
CREATE INDEX forecast_overrides_renewal ON forecast_overrides (renewal_date);
