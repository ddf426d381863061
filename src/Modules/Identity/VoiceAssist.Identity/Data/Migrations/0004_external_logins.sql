-- Accounts signed in through an OpenID Connect provider, keyed by the provider's name and its subject identifier.
CREATE TABLE identity.external_logins (
    provider text NOT NULL,
    subject text NOT NULL,
    user_id uuid NOT NULL REFERENCES identity.users (id) ON DELETE CASCADE,
    created_at timestamp with time zone NOT NULL,
    last_sign_in_at timestamp with time zone NOT NULL,
    PRIMARY KEY (provider, subject)
);
CREATE INDEX ix_external_logins_user_id ON identity.external_logins (user_id);
