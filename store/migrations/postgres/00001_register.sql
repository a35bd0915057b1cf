-- +goose Up
-- The register (PostgreSQL). next_review is the partnership's YYYY-MM-DD
-- text (empty when not given), which sorts as dates do.
CREATE TABLE partnerships (
    ref        TEXT PRIMARY KEY,
    revision   INTEGER NOT NULL,
    created_at TIMESTAMPTZ NOT NULL,
    updated_at TIMESTAMPTZ NOT NULL
);

CREATE TABLE ref_counters (
    year INTEGER PRIMARY KEY,
    last INTEGER NOT NULL
);

CREATE TABLE revisions (
    ref               TEXT NOT NULL REFERENCES partnerships (ref),
    number            INTEGER NOT NULL,
    partnership       TEXT NOT NULL,
    assessment        TEXT NOT NULL,
    name              TEXT NOT NULL,
    name_folded       TEXT NOT NULL,
    status            TEXT NOT NULL,
    service_area      TEXT NOT NULL,
    significant       BOOLEAN NOT NULL,
    classification    TEXT NOT NULL,
    next_review       TEXT NOT NULL,
    lead_partner_id   TEXT NOT NULL,
    lead_partner_name TEXT NOT NULL,
    created_at        TIMESTAMPTZ NOT NULL,
    created_by        TEXT NOT NULL,
    PRIMARY KEY (ref, number)
);

CREATE TABLE documents (
    id               BIGINT GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    ref              TEXT NOT NULL,
    kind             TEXT NOT NULL,
    format           TEXT NOT NULL,
    version          INTEGER NOT NULL,
    revision         INTEGER NOT NULL,
    template_id      TEXT NOT NULL,
    template_version TEXT NOT NULL,
    sha256           TEXT NOT NULL,
    fingerprint      TEXT NOT NULL,
    generated_at     TIMESTAMPTZ NOT NULL,
    generated_by     TEXT NOT NULL,
    status           TEXT NOT NULL,
    approved_of      BIGINT REFERENCES documents (id),
    bytes            BYTEA NOT NULL,
    UNIQUE (ref, kind, format, version),
    FOREIGN KEY (ref, revision) REFERENCES revisions (ref, number)
);
CREATE INDEX documents_status ON documents (status, id);

CREATE TABLE review_events (
    id          BIGINT GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    document_id BIGINT NOT NULL REFERENCES documents (id),
    action      TEXT NOT NULL,
    by_name     TEXT NOT NULL,
    at          TIMESTAMPTZ NOT NULL,
    comment     TEXT NOT NULL
);
CREATE INDEX review_events_document ON review_events (document_id, id);

CREATE TABLE audit (
    id            BIGINT GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    at            TIMESTAMPTZ NOT NULL,
    actor         TEXT NOT NULL,
    role          TEXT NOT NULL,
    action        TEXT NOT NULL,
    object        TEXT NOT NULL,
    from_revision INTEGER NOT NULL,
    to_revision   INTEGER NOT NULL,
    detail        TEXT NOT NULL
);

-- +goose StatementBegin
CREATE FUNCTION audit_append_only() RETURNS trigger AS $$
BEGIN
    RAISE EXCEPTION 'the audit trail is append-only';
END;
$$ LANGUAGE plpgsql;
-- +goose StatementEnd

CREATE TRIGGER audit_append_only BEFORE UPDATE OR DELETE ON audit
    FOR EACH ROW EXECUTE FUNCTION audit_append_only();
CREATE TRIGGER audit_no_truncate BEFORE TRUNCATE ON audit
    FOR EACH STATEMENT EXECUTE FUNCTION audit_append_only();

CREATE TABLE tokens (
    id         BIGINT GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    name       TEXT NOT NULL UNIQUE,
    role       TEXT NOT NULL,
    hash       BYTEA NOT NULL UNIQUE,
    created_at TIMESTAMPTZ NOT NULL,
    revoked_at TIMESTAMPTZ
);

-- +goose Down
DROP TABLE tokens;
DROP TABLE audit;
DROP FUNCTION audit_append_only();
DROP TABLE review_events;
DROP TABLE documents;
DROP TABLE revisions;
DROP TABLE ref_counters;
DROP TABLE partnerships;
