-- A clinician's own calendar, mail and file servers, and the folders administrators link for everyone. The secret
-- (an app password) is encrypted in the application under the key ring before it reaches this table.
CREATE TABLE integrations.linked_accounts (
    id uuid PRIMARY KEY,
    owner_id text NOT NULL,
    kind text NOT NULL CHECK (kind IN ('calendar', 'mail', 'files')),
    scope text NOT NULL CHECK (scope IN ('personal', 'shared')),
    server_url text NOT NULL,
    smtp_url text NULL,
    user_name text NOT NULL,
    secret text NOT NULL,
    time_zone text NOT NULL,
    created_at timestamp with time zone NOT NULL,
    updated_at timestamp with time zone NOT NULL,
    last_error text NULL,
    last_error_at timestamp with time zone NULL
);

CREATE INDEX ix_linked_accounts_owner ON integrations.linked_accounts (owner_id, kind);
