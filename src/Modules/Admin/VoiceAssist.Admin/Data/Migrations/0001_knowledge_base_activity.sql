CREATE TABLE admin.knowledge_base_activity (
    document_id uuid PRIMARY KEY,
    title text NOT NULL,
    character_count integer NOT NULL,
    ingested_at timestamp with time zone NOT NULL
);
CREATE INDEX ix_knowledge_base_activity_ingested_at ON admin.knowledge_base_activity (ingested_at);
