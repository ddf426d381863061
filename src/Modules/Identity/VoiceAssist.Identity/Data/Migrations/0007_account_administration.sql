-- Account administration: an administrator can disable an account (no sign-in by any path while disabled_at is set),
-- the console lists accounts with their last sign-in, ordered and paged by the indexed columns below, and deleting an
-- account keeps its emergency access grants (the record reviewers check each emergency access against), which
-- therefore no longer reference the account row.
ALTER TABLE identity.users
    ADD COLUMN disabled_at timestamp with time zone,
    ADD COLUMN last_sign_in_at timestamp with time zone;

UPDATE identity.users u
SET last_sign_in_at = (SELECT max(s.created_at) FROM identity.sessions s WHERE s.user_id = u.id);

CREATE INDEX ix_users_created_at ON identity.users (created_at, id);
CREATE INDEX ix_users_display_name ON identity.users (display_name, id);
CREATE INDEX ix_users_last_sign_in_at ON identity.users (last_sign_in_at, id);

ALTER TABLE identity.emergency_access_grants DROP CONSTRAINT emergency_access_grants_user_id_fkey;
