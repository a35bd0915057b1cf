-- +goose Up
-- An officer's home page lists the partnerships they have saved a revision
-- of: this index finds them without reading every revision.
CREATE INDEX revisions_created_by ON revisions (created_by, ref);

-- +goose Down
DROP INDEX revisions_created_by;
