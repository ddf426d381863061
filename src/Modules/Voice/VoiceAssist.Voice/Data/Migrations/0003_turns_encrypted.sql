-- Turn texts are encrypted in the application (pe1:<key>:<base64>), which is not JSON: details becomes text.
-- Rows written before encryption stay readable as they are and are encrypted by the re-encryption job
-- (POST /api/compliance/encryption/reencrypt).
ALTER TABLE voice.turns ALTER COLUMN details TYPE text USING details::text;
