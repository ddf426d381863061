-- Pages of a document that were read by OCR, with Tesseract's mean word confidence (0-100), so a reader can tell
-- a passage that came from a poor scan.
CREATE TABLE knowledge.ocr_pages (
    document_id uuid NOT NULL REFERENCES knowledge.documents (id) ON DELETE CASCADE,
    page integer NOT NULL,
    confidence integer NOT NULL,
    characters integer NOT NULL,
    PRIMARY KEY (document_id, page)
);
