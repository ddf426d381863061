CREATE TABLE voice.conversations (
    id uuid PRIMARY KEY,
    owner_id text NOT NULL,
    started_at timestamp with time zone NOT NULL
);
CREATE INDEX ix_conversations_owner ON voice.conversations (owner_id, started_at);
