-- Each stored vector records the model that made it; a vector of another model than the configured one is stale
-- and the embedding worker makes it again (a change of model re-embeds in the background). Vectors made before
-- this were the Universal Sentence Encoder lite's.
ALTER TABLE knowledge.chunks ADD COLUMN embedding_model text NULL;
UPDATE knowledge.chunks SET embedding_model = 'universal-sentence-encoder-lite' WHERE embedding IS NOT NULL;
-- The worker finds stale vectors by range (model < current, model > current) on this index.
CREATE INDEX ix_chunks_embedding_model ON knowledge.chunks (embedding_model, id);
