-- ASP.NET Core Identity's user columns on the existing users table, plus what sign-in needs: invitations,
-- TOTP recovery codes (hashed), sessions and their rotating refresh tokens (hashed).
ALTER TABLE identity.users
    ADD COLUMN user_name text,
    ADD COLUMN normalized_user_name text,
    ADD COLUMN email_confirmed boolean NOT NULL DEFAULT false,
    ADD COLUMN password_hash text,
    ADD COLUMN security_stamp text,
    ADD COLUMN concurrency_stamp text,
    ADD COLUMN two_factor_enabled boolean NOT NULL DEFAULT false,
    ADD COLUMN lockout_enabled boolean NOT NULL DEFAULT true,
    ADD COLUMN lockout_end timestamp with time zone,
    ADD COLUMN access_failed_count integer NOT NULL DEFAULT 0,
    ADD COLUMN totp_secret text,
    ADD COLUMN pending_totp_secret text,
    ADD COLUMN totp_last_time_step bigint;

UPDATE identity.users
SET user_name = email,
    normalized_user_name = normalized_email,
    security_stamp = replace(gen_random_uuid()::text, '-', ''),
    concurrency_stamp = gen_random_uuid()::text;

ALTER TABLE identity.users
    ALTER COLUMN user_name SET NOT NULL,
    ALTER COLUMN normalized_user_name SET NOT NULL,
    ALTER COLUMN security_stamp SET NOT NULL,
    ALTER COLUMN concurrency_stamp SET NOT NULL,
    ADD CONSTRAINT ck_users_access_failed_count CHECK (access_failed_count >= 0);
CREATE UNIQUE INDEX ux_users_normalized_user_name ON identity.users (normalized_user_name);

CREATE TABLE identity.invitations (
    id uuid PRIMARY KEY,
    user_id uuid NOT NULL REFERENCES identity.users (id) ON DELETE CASCADE,
    token_hash text NOT NULL,
    created_at timestamp with time zone NOT NULL,
    expires_at timestamp with time zone NOT NULL,
    accepted_at timestamp with time zone
);
CREATE UNIQUE INDEX ux_invitations_token_hash ON identity.invitations (token_hash);
CREATE INDEX ix_invitations_user ON identity.invitations (user_id);

CREATE TABLE identity.recovery_codes (
    id uuid PRIMARY KEY,
    user_id uuid NOT NULL REFERENCES identity.users (id) ON DELETE CASCADE,
    code_hash text NOT NULL,
    created_at timestamp with time zone NOT NULL,
    used_at timestamp with time zone
);
CREATE INDEX ix_recovery_codes_user ON identity.recovery_codes (user_id);

CREATE TABLE identity.sessions (
    id uuid PRIMARY KEY,
    user_id uuid NOT NULL REFERENCES identity.users (id) ON DELETE CASCADE,
    authentication_methods text NOT NULL,
    user_agent text,
    ip_address text,
    created_at timestamp with time zone NOT NULL,
    last_refreshed_at timestamp with time zone NOT NULL,
    expires_at timestamp with time zone NOT NULL,
    revoked_at timestamp with time zone,
    revoked_reason text
);
CREATE INDEX ix_sessions_user ON identity.sessions (user_id, created_at);

CREATE TABLE identity.refresh_tokens (
    id uuid PRIMARY KEY,
    session_id uuid NOT NULL REFERENCES identity.sessions (id) ON DELETE CASCADE,
    token_hash text NOT NULL,
    created_at timestamp with time zone NOT NULL,
    expires_at timestamp with time zone NOT NULL,
    used_at timestamp with time zone
);
CREATE UNIQUE INDEX ux_refresh_tokens_token_hash ON identity.refresh_tokens (token_hash);
CREATE INDEX ix_refresh_tokens_session ON identity.refresh_tokens (session_id);
