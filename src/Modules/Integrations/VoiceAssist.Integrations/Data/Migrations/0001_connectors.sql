CREATE TABLE integrations.connectors (
    kind text PRIMARY KEY CHECK (kind IN ('calendar', 'mail', 'files')),
    base_url text NOT NULL,
    enabled boolean NOT NULL,
    updated_at timestamp with time zone NOT NULL
);
