-- +goose Up
-- A document's bytes are stored once per SHA-256, in document_contents;
-- documents name them by their sha256. Output is deterministic, so a
-- document generated again from the same revision, templates and profile
-- has the bytes of the last one, and two versions then share one copy.
CREATE TABLE document_contents (
    sha256 TEXT PRIMARY KEY,
    bytes  BYTEA NOT NULL
);
-- DISTINCT over the hash and the bytes together: were two documents ever
-- to claim one hash for different bytes, the primary key would refuse the
-- migration rather than keep one and lose the other.
INSERT INTO document_contents (sha256, bytes) SELECT DISTINCT sha256, bytes FROM documents;
ALTER TABLE documents DROP COLUMN bytes;
CREATE INDEX documents_sha256 ON documents (sha256);
ALTER TABLE documents ADD CONSTRAINT documents_content FOREIGN KEY (sha256) REFERENCES document_contents (sha256);
-- The date the document bears: a draft's is its revision's, so generating
-- it again gives the same bytes; generated_at stays the time it was made
-- (retention counts from it). Documents stored before bore their
-- generation time.
ALTER TABLE documents ADD COLUMN dated_at TIMESTAMPTZ;
UPDATE documents SET dated_at = generated_at;
ALTER TABLE documents ALTER COLUMN dated_at SET NOT NULL;

-- +goose Down
ALTER TABLE documents ADD COLUMN bytes BYTEA;
UPDATE documents SET bytes = (SELECT c.bytes FROM document_contents c WHERE c.sha256 = documents.sha256);
-- A document whose content is missing is NULL here, which this refuses:
-- the migration stops rather than leave a document empty.
ALTER TABLE documents ALTER COLUMN bytes SET NOT NULL;
ALTER TABLE documents DROP COLUMN dated_at;
ALTER TABLE documents DROP CONSTRAINT documents_content;
DROP INDEX documents_sha256;
DROP TABLE document_contents;
