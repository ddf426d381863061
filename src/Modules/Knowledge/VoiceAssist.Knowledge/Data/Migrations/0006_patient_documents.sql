-- Patient documents: uploads flagged as containing patient information, owned by the clinician who uploaded them.
-- Their row in knowledge.documents carries no words of theirs (placeholder title, empty text, no file name, no
-- content hash) and they have no rows in knowledge.chunks or knowledge.document_sources: their title, file name,
-- text, uploaded file, passages and passages' lexemes live only in the two tables below, each value encrypted by
-- the application (pe1:<key id>:...) before it reaches PostgreSQL.
ALTER TABLE knowledge.documents ADD COLUMN owner_id uuid NULL;

CREATE INDEX ix_documents_owner_id ON knowledge.documents (owner_id) WHERE owner_id IS NOT NULL;

CREATE TABLE knowledge.patient_document_contents (
    document_id uuid PRIMARY KEY REFERENCES knowledge.documents (id) ON DELETE CASCADE,
    title text NOT NULL,
    file_name text NULL,
    text text NOT NULL,
    -- The uploaded file, base64 then encrypted, until the ingestion worker has extracted it.
    source text NULL
);

-- Ids come from the same sequence as knowledge.chunks, so a passage id names one passage whichever table holds it.
CREATE TABLE knowledge.patient_chunks (
    id bigint PRIMARY KEY DEFAULT nextval(pg_get_serial_sequence('knowledge.chunks', 'id')),
    document_id uuid NOT NULL REFERENCES knowledge.documents (id) ON DELETE CASCADE,
    ordinal integer NOT NULL,
    page integer NULL,
    section text NULL,
    text text NOT NULL,
    -- The passage's lexemes with their term frequencies (title and heading ones marked), for the owner's keyword index.
    terms text NOT NULL
);

CREATE INDEX ix_patient_chunks_document_id ON knowledge.patient_chunks (document_id, ordinal);
