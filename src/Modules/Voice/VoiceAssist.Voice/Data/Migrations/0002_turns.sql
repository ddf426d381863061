ALTER TABLE voice.conversations ADD COLUMN state jsonb NULL;

CREATE TABLE voice.turns (
    id uuid PRIMARY KEY,
    conversation_id uuid NOT NULL REFERENCES voice.conversations (id) ON DELETE CASCADE,
    sequence integer NOT NULL,
    text text NOT NULL,
    reply text NOT NULL,
    clarifying_question text NULL,
    intent text NOT NULL,
    details jsonb NOT NULL,
    created_at timestamp with time zone NOT NULL
);
CREATE UNIQUE INDEX ux_turns_conversation_sequence ON voice.turns (conversation_id, sequence);
