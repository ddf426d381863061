-- The console: who added each shared document (so its ingestion is attributed in the audit trail even when the
-- worker finishes it later), indexes for listing 50,000 documents newest first by status or by type, and guideline
-- sources that an administrator adds, edits and removes (configuration only seeds them, once per URL).
ALTER TABLE knowledge.documents ADD COLUMN added_by uuid NULL;

CREATE INDEX ix_documents_status_id ON knowledge.documents (status, id);
CREATE INDEX ix_documents_source_type_id ON knowledge.documents (source_type, id);

ALTER TABLE knowledge.guideline_sources
    ADD COLUMN id uuid NOT NULL DEFAULT gen_random_uuid(),
    ADD COLUMN publisher text NULL,
    ADD COLUMN licence text NULL,
    ADD COLUMN tags text[] NOT NULL DEFAULT '{}',
    ADD COLUMN poll_interval interval NULL,
    ADD COLUMN created_at timestamp with time zone NOT NULL DEFAULT now(),
    ADD COLUMN updated_at timestamp with time zone NULL;
ALTER TABLE knowledge.guideline_sources DROP CONSTRAINT guideline_sources_pkey;
ALTER TABLE knowledge.guideline_sources ADD PRIMARY KEY (id);
CREATE UNIQUE INDEX ix_guideline_sources_url ON knowledge.guideline_sources (url);

-- Every URL configuration has ever seeded: a source the console removed or moved to another URL is not added back
-- at the next start.
CREATE TABLE knowledge.guideline_seeded_urls (
    url text PRIMARY KEY
);
INSERT INTO knowledge.guideline_seeded_urls (url) SELECT url FROM knowledge.guideline_sources;
