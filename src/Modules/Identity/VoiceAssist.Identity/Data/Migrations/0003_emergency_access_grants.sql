-- Break-glass grants: who opened another user's object in an emergency, why, and until when. Kept, never deleted:
-- they are the record reviewers check each emergency access against.
CREATE TABLE identity.emergency_access_grants (
    id uuid PRIMARY KEY,
    user_id uuid NOT NULL REFERENCES identity.users (id),
    resource_type text NOT NULL,
    resource_id uuid NOT NULL,
    owner_id text NOT NULL,
    reason text NOT NULL,
    granted_at timestamp with time zone NOT NULL,
    expires_at timestamp with time zone NOT NULL,
    CONSTRAINT ck_emergency_access_grants_reason CHECK (length(reason) BETWEEN 10 AND 500),
    CONSTRAINT ck_emergency_access_grants_window CHECK (expires_at > granted_at)
);
CREATE INDEX ix_emergency_access_grants_lookup ON identity.emergency_access_grants (user_id, resource_type, resource_id, expires_at);
