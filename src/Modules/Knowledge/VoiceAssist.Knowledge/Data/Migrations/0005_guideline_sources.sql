-- What the guideline poller last saw at each watched URL: its validators (ETag, Last-Modified) for conditional
-- requests, and the hash of its content, so a server that sends no validators (or changes them without changing
-- the content) neither re-ingests nor announces anything.
CREATE TABLE knowledge.guideline_sources (
    url text PRIMARY KEY,
    name text NOT NULL,
    etag text NULL,
    last_modified text NULL,
    content_hash text NULL,
    document_id uuid NULL,
    last_checked_at timestamp with time zone NULL,
    last_changed_at timestamp with time zone NULL,
    last_error text NULL
);
