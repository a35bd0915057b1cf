-- +goose Up
-- What a document was made from besides its revision: the hashes of its
-- kind's template files and of the council profile. Approving a draft makes
-- the clean copy from the same, or refuses. Documents stored before have
-- none ('').
ALTER TABLE documents ADD COLUMN template_hash TEXT NOT NULL DEFAULT '';
ALTER TABLE documents ADD COLUMN profile_hash TEXT NOT NULL DEFAULT '';

-- +goose Down
ALTER TABLE documents DROP COLUMN profile_hash;
ALTER TABLE documents DROP COLUMN template_hash;
