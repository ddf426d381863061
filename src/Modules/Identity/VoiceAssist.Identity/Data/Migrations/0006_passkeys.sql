-- Passkeys (WebAuthn credentials): the public key and counters of each authenticator a user registered. The private
-- key stays on the authenticator; nothing here is a secret.
CREATE TABLE identity.passkeys (
    id uuid PRIMARY KEY,
    user_id uuid NOT NULL REFERENCES identity.users (id) ON DELETE CASCADE,
    credential_id bytea NOT NULL,
    public_key bytea NOT NULL,
    name text NOT NULL,
    created_at timestamp with time zone NOT NULL,
    last_used_at timestamp with time zone,
    sign_count bigint NOT NULL,
    transports text[],
    is_user_verified boolean NOT NULL,
    is_backup_eligible boolean NOT NULL,
    is_backed_up boolean NOT NULL,
    attestation_object bytea NOT NULL,
    client_data_json bytea NOT NULL
);
CREATE UNIQUE INDEX ux_passkeys_credential_id ON identity.passkeys (credential_id);
CREATE INDEX ix_passkeys_user_id ON identity.passkeys (user_id);

-- Challenges handed out for a registration or a sign-in, each taken (deleted) by the one answer it accepts.
CREATE TABLE identity.passkey_ceremonies (
    id uuid PRIMARY KEY,
    purpose text NOT NULL,
    user_id uuid REFERENCES identity.users (id) ON DELETE CASCADE,
    state text NOT NULL,
    expires_at timestamp with time zone NOT NULL
);
CREATE INDEX ix_passkey_ceremonies_expires_at ON identity.passkey_ceremonies (expires_at);
