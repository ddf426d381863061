-- The dialogue state holds what the clinician said about the patient (age, sex, findings, medications), so it is
-- encrypted in the application like the turns (pe1:<key>:<base64>), which is not JSON: state becomes text.
-- States written before encryption stay readable as they are and are encrypted by the re-encryption job.
ALTER TABLE voice.conversations ALTER COLUMN state TYPE text USING state::text;
