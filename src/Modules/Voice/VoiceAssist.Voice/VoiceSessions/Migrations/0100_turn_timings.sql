-- Timings of spoken turns, kept beside the turns table rather than in it. Numbered far from the conversation
-- migrations so that the two series can grow independently.
CREATE TABLE voice.turn_timings (
    turn_id uuid PRIMARY KEY REFERENCES voice.turns (id) ON DELETE CASCADE,
    conversation_id uuid NOT NULL,
    end_of_speech_source text NOT NULL,
    end_of_speech_at timestamp with time zone NOT NULL,
    transcript_ms double precision NULL,
    reply_ms double precision NOT NULL,
    first_audio_ms double precision NULL,
    interrupted boolean NOT NULL
);
