-- Runs once, when the compose PostgreSQL volume is first created, in the voiceassist database.
-- The vector extension is created here by the superuser so the application never needs that privilege for it.
CREATE EXTENSION IF NOT EXISTS vector;
