-- Sign-in throttling per account and client address: failures from one address lock sign-in from that address only,
-- for a bounded time, after which the count starts again. Replaces the account-wide lock that doubled with each
-- failure (one wrong password an hour kept any account locked). users.lockout_end now mirrors the latest lock of any
-- address, for the console.
CREATE TABLE identity.sign_in_throttles (
    user_id uuid NOT NULL REFERENCES identity.users (id) ON DELETE CASCADE,
    client_address text NOT NULL,
    failed_attempts integer NOT NULL,
    last_failure_at timestamp with time zone NOT NULL,
    locked_until timestamp with time zone,
    PRIMARY KEY (user_id, client_address)
);

-- What the user is told about their own account (their security list).
CREATE TABLE identity.security_notices (
    id uuid PRIMARY KEY,
    user_id uuid NOT NULL REFERENCES identity.users (id) ON DELETE CASCADE,
    kind text NOT NULL,
    client_address text,
    occurred_at timestamp with time zone NOT NULL,
    until timestamp with time zone
);
CREATE INDEX ix_security_notices_user_id ON identity.security_notices (user_id, occurred_at);
