CREATE TABLE identity.users (
    id uuid PRIMARY KEY,
    email text NOT NULL,
    normalized_email text NOT NULL,
    display_name text NOT NULL,
    role text NOT NULL CHECK (role IN ('admin', 'clinician', 'viewer', 'auditor')),
    created_at timestamp with time zone NOT NULL
);
CREATE UNIQUE INDEX ux_users_normalized_email ON identity.users (normalized_email);
