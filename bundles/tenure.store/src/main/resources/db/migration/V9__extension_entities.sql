-- Entities contributed by bundles (io.tenure.api.data.EntityContribution): which bundle owns each table, and the
-- columns it was created or last extended with, so a later version may add optional columns and nothing else.

CREATE TABLE tenure_extension_entities (
    entity_name         VARCHAR(100) NOT NULL,
    bundle              VARCHAR(200) NOT NULL,
    columns_spec        VARCHAR(8000) NOT NULL,
    created_at          TIMESTAMP WITH TIME ZONE NOT NULL,
    updated_at          TIMESTAMP WITH TIME ZONE NOT NULL,
    PRIMARY KEY (entity_name)
);
