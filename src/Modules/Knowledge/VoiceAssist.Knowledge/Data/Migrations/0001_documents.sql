CREATE TABLE knowledge.documents (
    id uuid PRIMARY KEY,
    title text NOT NULL,
    publisher text NULL,
    text text NOT NULL,
    ingested_at timestamp with time zone NOT NULL
);
