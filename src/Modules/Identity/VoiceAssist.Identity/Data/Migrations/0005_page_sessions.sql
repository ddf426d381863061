-- Page sessions: the clinician page's cookie sessions. The cookie's secret is stored as its SHA-256 hash; the idle
-- deadline moves with the user's activity and never passes expires_at (the absolute lifetime).
ALTER TABLE identity.sessions
    ADD COLUMN kind text NOT NULL DEFAULT 'token',
    ADD COLUMN cookie_hash text,
    ADD COLUMN last_activity_at timestamp with time zone,
    ADD COLUMN idle_expires_at timestamp with time zone,
    ADD COLUMN provider text,
    ADD COLUMN id_token_hint text;
CREATE UNIQUE INDEX ux_sessions_cookie_hash ON identity.sessions (cookie_hash);
CREATE INDEX ix_sessions_page_deadlines ON identity.sessions (idle_expires_at, expires_at) WHERE kind = 'page' AND revoked_at IS NULL;
