-- +goose Up
-- A document's bytes are stored in chunks, each once per SHA-256 (raw, 32
-- bytes), so that documents which differ in a few places share the rest
-- (store/chunks.go). A content lists its chunks' SHA-256s, in order, in
-- chunks; a content whose chunks is NULL keeps its bytes whole, as every
-- content did before. Migration 11 splits the contents stored whole.
CREATE TABLE content_chunks (
    sha256 BLOB PRIMARY KEY,
    bytes  BLOB NOT NULL
);
ALTER TABLE document_contents ADD COLUMN chunks BLOB;

-- +goose Down
ALTER TABLE document_contents DROP COLUMN chunks;
DROP TABLE content_chunks;
