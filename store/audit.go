package store

import (
	"context"
	"database/sql"

	"partnerdocs/partnership"
)

// audit appends one entry to the audit trail in the caller's transaction.
// The application only ever inserts here; triggers refuse UPDATE and DELETE.
func (t *tx) audit(ctx context.Context, e partnership.AuditEntry) error {
	_, err := t.exec(ctx, insertAuditSQL,
		t.now, e.Actor, string(e.Role), e.Action, e.Object, e.FromRevision, e.ToRevision, e.Detail)
	return domainError(err, "audit entry")
}

const insertAuditSQL = `INSERT INTO audit
		(at, actor, role, action, object, from_revision, to_revision, detail)
		VALUES (?, ?, ?, ?, ?, ?, ?, ?)`

// auditor appends many entries in one transaction with one prepared
// statement.
type auditor struct {
	t    *tx
	stmt *sql.Stmt
}

// prepareAudit prepares the audit INSERT once for the transaction; Close
// it when done.
func (t *tx) prepareAudit(ctx context.Context) (*auditor, error) {
	stmt, err := t.prepare(ctx, insertAuditSQL)
	if err != nil {
		return nil, domainError(err, "audit entry")
	}
	return &auditor{t: t, stmt: stmt}, nil
}

func (a *auditor) Close() error { return a.stmt.Close() }

func (a *auditor) add(ctx context.Context, e partnership.AuditEntry) error {
	_, err := a.stmt.ExecContext(ctx,
		a.t.now, e.Actor, string(e.Role), e.Action, e.Object, e.FromRevision, e.ToRevision, e.Detail)
	return domainError(a.t.full.check(err), "audit entry")
}

// entry starts an audit entry for by doing action to object.
func entry(by partnership.Actor, action, object string) partnership.AuditEntry {
	return partnership.AuditEntry{Actor: by.Name, Role: by.Role, Action: action, Object: object}
}

// Audit lists audit entries, newest first, at most limit (at most
// partnership.MaxPageSize; zero or less means DefaultPageSize) after the
// entry with id before (0: from the newest).
func (db *DB) Audit(ctx context.Context, before int64, limit int) ([]partnership.AuditEntry, error) {
	t, err := db.beginRead(ctx)
	if err != nil {
		return nil, err
	}
	defer t.Rollback()
	rows, err := t.query(ctx, `SELECT id, at, actor, role, action, object, from_revision, to_revision, detail
		FROM audit WHERE ? = 0 OR id < ? ORDER BY id DESC LIMIT ?`, before, before, pageSize(limit))
	if err != nil {
		return nil, domainError(err, "audit trail")
	}
	defer rows.Close()
	entries := []partnership.AuditEntry{}
	for rows.Next() {
		var e partnership.AuditEntry
		if err := rows.Scan(&e.ID, &e.At, &e.Actor, &e.Role, &e.Action, &e.Object,
			&e.FromRevision, &e.ToRevision, &e.Detail); err != nil {
			return nil, domainError(err, "audit trail")
		}
		e.At = e.At.UTC()
		entries = append(entries, e)
	}
	return entries, domainError(rows.Err(), "audit trail")
}

// pageSize clamps a requested page size to the register's limits.
func pageSize(limit int) int {
	switch {
	case limit <= 0:
		return partnership.DefaultPageSize
	case limit > partnership.MaxPageSize:
		return partnership.MaxPageSize
	}
	return limit
}
