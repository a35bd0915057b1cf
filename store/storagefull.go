package store

import (
	"errors"
	"sync/atomic"
	"time"

	"github.com/jackc/pgx/v5/pgconn"
	"modernc.org/sqlite"
	sqlite3 "modernc.org/sqlite/lib"

	"partnerdocs/partnership"
)

// A write that fails because the register's storage has no room is told to
// the client as such (partnership.EStorageFull, 503) rather than as our
// fault, and makes /readyz fail for fullHold afterwards: on a full disk
// small writes may still fit where a document does not, so the probe alone
// would say ready. Transactions make sure nothing of the failed write
// remains.
const fullHold = time.Minute

// storageFull is a write refused for lack of space: the client is told
// partnership.EStorageFull, the log gets the driver's own error.
type storageFull struct{ cause error }

func (e *storageFull) Error() string { return "store: no room to write: " + e.cause.Error() }

// Unwrap gives errors.As the client's problem first, then the cause.
func (e *storageFull) Unwrap() []error {
	return []error{partnership.NewError(partnership.EStorageFull,
		"The register's storage is full, so nothing was saved. Try again once space has been made; "+
			"what is already saved can still be read."), e.cause}
}

// isStorageFull reports whether err is a write refused for lack of space:
// SQLite's SQLITE_FULL (the disk is full) or SQLITE_IOERR_WRITE (the file
// system refused a write: over a file-size limit or a quota, EFBIG or
// EDQUOT, which SQLite reports so; the driver does not give the errno, so
// a failing disk is reported the same way), or PostgreSQL's disk_full
// (SQLSTATE 53100).
func isStorageFull(err error) bool {
	var pgErr *pgconn.PgError
	if errors.As(err, &pgErr) {
		return pgErr.Code == "53100"
	}
	var liteErr *sqlite.Error
	if errors.As(err, &liteErr) {
		c := liteErr.Code()
		return c&0xff == sqlite3.SQLITE_FULL || c == sqlite3.SQLITE_IOERR_WRITE
	}
	return false
}

// fullWatch remembers when a write last failed for lack of space.
type fullWatch struct{ last atomic.Int64 } // Unix nanoseconds; 0: never

// check returns err, or a *storageFull (and remembers when) when err is a
// write refused for lack of space.
func (w *fullWatch) check(err error) error {
	var already *storageFull
	if err == nil || errors.As(err, &already) || !isStorageFull(err) {
		return err
	}
	w.last.Store(time.Now().UnixNano())
	return &storageFull{cause: err}
}

// recently reports whether a write failed for lack of space within
// fullHold of now.
func (w *fullWatch) recently(now time.Time) bool {
	last := w.last.Load()
	return last != 0 && now.Sub(time.Unix(0, last)) < fullHold
}
