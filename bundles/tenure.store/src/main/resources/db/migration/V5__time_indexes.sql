-- The health recompute reads only recent records of the time series (the last weeks of usage, the last year of
-- surveys, the last months of tickets and interactions); these indexes let it skip the older ones instead of
-- scanning every row ever stored.

CREATE INDEX usage_date ON usage (date);
CREATE INDEX surveys_date ON surveys (date);
CREATE INDEX tickets_opened ON tickets (opened);
CREATE INDEX interactions_date ON interactions (date);
