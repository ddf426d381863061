-- The key ring for PHI field encryption. Each data key is 256 random bits, stored only wrapped (AES-256-GCM) under the
-- master key from configuration or a KMS; master_key_id is the master key's fingerprint, so a host started with the
-- wrong master key says so instead of failing on every read. The highest id is the active key; older keys stay to
-- decrypt what was written under them until the re-encryption job has rewritten it.
CREATE TABLE compliance.encryption_keys (
    id integer PRIMARY KEY CHECK (id > 0),
    wrapped_key bytea NOT NULL,
    master_key_id text NOT NULL,
    created_at timestamp with time zone NOT NULL DEFAULT now()
);
-- Keys are never changed in place: a lost or altered key is data lost.
REVOKE UPDATE, DELETE, TRUNCATE ON compliance.encryption_keys FROM PUBLIC;
