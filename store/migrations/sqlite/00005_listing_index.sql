-- +goose Up
-- The register's listing (its search, filters and paging, and the figures
-- on policy's home page, the compliance gaps among them) reads only these
-- columns of each current revision.
-- In the table they sit after the partnership's JSON, which is longer than a
-- page, so reaching them walked each row's overflow pages: a search that
-- scans 10,000 partnerships read the whole register. This index holds the
-- columns themselves, so a listing never reads the table. PostgreSQL keeps
-- a long value out of line (TOAST), so its rows are short and it needs none.
CREATE INDEX revisions_listing ON revisions (ref, number, name, name_folded, status, service_area,
    significant, classification, next_review, lead_partner_id, lead_partner_name, compliance_gaps);

-- +goose Down
DROP INDEX revisions_listing;
