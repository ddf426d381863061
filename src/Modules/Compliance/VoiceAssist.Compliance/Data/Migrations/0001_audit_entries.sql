CREATE TABLE compliance.audit_entries (
    id bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    occurred_at timestamp with time zone NOT NULL,
    action text NOT NULL,
    resource_type text NOT NULL,
    resource_id text NOT NULL,
    actor_id text NULL,
    source_event_id uuid NOT NULL
);
CREATE INDEX ix_audit_entries_occurred_at ON compliance.audit_entries (occurred_at);
CREATE UNIQUE INDEX ux_audit_entries_source_event ON compliance.audit_entries (source_event_id);
