-- Utterances as heard on the voice socket, kept only when Voice:Recording:Enabled is on. The WAVE file is encrypted
-- in the application (pe1:<key>:<base64>) and goes with its conversation (retention purge, deletion).
CREATE TABLE voice.recordings (
    id uuid PRIMARY KEY,
    conversation_id uuid NOT NULL REFERENCES voice.conversations (id) ON DELETE CASCADE,
    turn_id uuid NULL REFERENCES voice.turns (id) ON DELETE CASCADE,
    recorded_at timestamp with time zone NOT NULL,
    sample_rate integer NOT NULL,
    duration_ms integer NOT NULL,
    wave text NOT NULL
);
CREATE INDEX ix_recordings_conversation ON voice.recordings (conversation_id, recorded_at);
