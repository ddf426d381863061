-- Legal holds: while a hold on a user or a resource is active (released_at IS NULL), the retention purge keeps every
-- record of it: that user's conversations, that conversation, and the audit entries naming either.
CREATE TABLE compliance.legal_holds (
    id uuid PRIMARY KEY,
    subject_type text NOT NULL CHECK (subject_type IN ('user', 'resource')),
    subject_id text NOT NULL,
    reason text NOT NULL,
    placed_by text NULL,
    placed_at timestamp with time zone NOT NULL,
    released_by text NULL,
    released_at timestamp with time zone NULL
);
CREATE INDEX ix_legal_holds_active ON compliance.legal_holds (subject_type, subject_id) WHERE released_at IS NULL;
