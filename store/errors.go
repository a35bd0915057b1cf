package store

import (
	"database/sql"
	"errors"
	"fmt"

	"github.com/jackc/pgx/v5/pgconn"
	"modernc.org/sqlite"
	sqlite3 "modernc.org/sqlite/lib"

	"partnerdocs/partnership"
)

// errorf returns a *partnership.Error with a formatted message.
func errorf(code partnership.Code, format string, args ...any) error {
	return partnership.NewError(code, fmt.Sprintf(format, args...))
}

// domainError turns a driver's error into the register's: no rows is
// ENotFound (what names the missing thing), a unique violation is
// EConflict, no room to write is EStorageFull, and an error that already
// has a code passes through. Anything
// else is internal and keeps the driver's error for the log.
func domainError(err error, what string) error {
	var pe *partnership.Error
	switch {
	case err == nil:
		return nil
	case errors.As(err, &pe):
		return err
	case errors.Is(err, sql.ErrNoRows):
		return errorf(partnership.ENotFound, "%s does not exist", what)
	case isUniqueViolation(err):
		return errorf(partnership.EConflict, "%s already exists", what)
	case isStorageFull(err):
		return &storageFull{cause: fmt.Errorf("%s: %w", what, err)}
	}
	return fmt.Errorf("store: %s: %w", what, err)
}

// isUniqueViolation reports whether err is a unique or primary key
// constraint failing, in either dialect.
func isUniqueViolation(err error) bool {
	var pgErr *pgconn.PgError
	if errors.As(err, &pgErr) {
		return pgErr.Code == "23505"
	}
	var liteErr *sqlite.Error
	if errors.As(err, &liteErr) {
		c := liteErr.Code()
		return c == sqlite3.SQLITE_CONSTRAINT_UNIQUE || c == sqlite3.SQLITE_CONSTRAINT_PRIMARYKEY
	}
	return false
}
