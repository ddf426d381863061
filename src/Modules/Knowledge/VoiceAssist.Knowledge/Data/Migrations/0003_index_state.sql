-- One row whose version moves whenever any document's searchable content changes, so each replica's search index
-- can tell in one tiny read that nothing changed, instead of comparing every document's revision each second.
CREATE TABLE knowledge.index_state (
    id integer PRIMARY KEY CHECK (id = 1),
    version bigint NOT NULL
);
INSERT INTO knowledge.index_state (id, version) VALUES (1, 1);

CREATE FUNCTION knowledge.bump_index_version() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    UPDATE knowledge.index_state SET version = version + 1 WHERE id = 1;
    RETURN NULL;
END
$$;

CREATE TRIGGER documents_index_version
    AFTER INSERT OR DELETE OR UPDATE OF index_revision, chunk_count ON knowledge.documents
    FOR EACH STATEMENT EXECUTE FUNCTION knowledge.bump_index_version();
