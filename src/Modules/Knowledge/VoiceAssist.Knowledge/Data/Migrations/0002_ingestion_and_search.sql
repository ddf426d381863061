-- Documents gain their metadata, the identity they have in their source, a content hash for de-duplication
-- and a processing status; their text is split into chunks, each with a stored tsvector (GIN-indexed) and,
-- once the embedding worker reaches it, a vector.
ALTER TABLE knowledge.documents
    ADD COLUMN external_id text NULL,
    ADD COLUMN source_type text NOT NULL DEFAULT 'text',
    ADD COLUMN file_name text NULL,
    ADD COLUMN content_hash text NOT NULL DEFAULT '',
    ADD COLUMN published_on date NULL,
    ADD COLUMN version text NULL,
    ADD COLUMN url text NULL,
    ADD COLUMN licence text NULL,
    ADD COLUMN tags text[] NOT NULL DEFAULT '{}',
    ADD COLUMN status text NOT NULL DEFAULT 'ready',
    ADD COLUMN status_detail text NULL,
    ADD COLUMN failure_reason text NULL,
    ADD COLUMN page_count integer NULL,
    ADD COLUMN chunk_count integer NOT NULL DEFAULT 0,
    ADD COLUMN attempts integer NOT NULL DEFAULT 0,
    ADD COLUMN lease_until timestamp with time zone NULL,
    ADD COLUMN index_revision bigint NOT NULL DEFAULT 0,
    ADD COLUMN updated_at timestamp with time zone NULL;

CREATE UNIQUE INDEX ix_documents_external_id ON knowledge.documents (external_id) WHERE external_id IS NOT NULL;
CREATE INDEX ix_documents_content_hash ON knowledge.documents (content_hash);
CREATE INDEX ix_documents_status ON knowledge.documents (status) WHERE status NOT IN ('ready', 'failed');

-- The uploaded bytes wait here until the worker has extracted them, so a restart resumes the work.
CREATE TABLE knowledge.document_sources (
    document_id uuid PRIMARY KEY REFERENCES knowledge.documents (id) ON DELETE CASCADE,
    media_type text NOT NULL,
    content bytea NOT NULL
);

CREATE TABLE knowledge.chunks (
    id bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    document_id uuid NOT NULL REFERENCES knowledge.documents (id) ON DELETE CASCADE,
    ordinal integer NOT NULL,
    page integer NULL,
    section text NULL,
    text text NOT NULL,
    token_count integer NOT NULL,
    tsv tsvector NOT NULL,
    embedding real[] NULL
);

CREATE INDEX ix_chunks_document_id ON knowledge.chunks (document_id, ordinal);
CREATE INDEX ix_chunks_tsv ON knowledge.chunks USING gin (tsv);
CREATE INDEX ix_chunks_pending_embedding ON knowledge.chunks (id) WHERE embedding IS NULL;
