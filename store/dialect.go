package store

import (
	"strconv"
	"strings"
)

// dialect is what differs between SQLite and PostgreSQL in the SQL this
// package writes. Queries are written once with ? placeholders; rebind turns
// them into PostgreSQL's $1, $2 ...
type dialect struct {
	name      string // "sqlite" or "postgres"
	numbered  bool   // placeholders are $n
	forUpdate string // appended to a SELECT that must lock its rows
	byteOrder string // appended to an ORDER BY of text so it sorts by bytes, as Go does
	// jsonStrings selects the strings of the JSON array bound to its one
	// placeholder, for an IN list of any length in one parameter.
	jsonStrings string
	// lockContents, when not empty, keeps documents from being stored
	// while a pruning deletes the contents no document uses.
	lockContents string
	// least and greatest are the two-argument minimum and maximum.
	least, greatest string
}

var (
	sqliteDialect   = dialect{name: "sqlite", jsonStrings: `SELECT value FROM json_each(?)`, least: "min", greatest: "max"}
	postgresDialect = dialect{name: "postgres", numbered: true, forUpdate: " FOR UPDATE", byteOrder: ` COLLATE "C"`,
		jsonStrings:  `SELECT jsonb_array_elements_text(CAST(? AS jsonb))`,
		lockContents: `LOCK TABLE document_contents IN SHARE ROW EXCLUSIVE MODE`, least: "LEAST", greatest: "GREATEST"}
)

// isPostgres reports whether dsn names a PostgreSQL server rather than a
// SQLite file.
func isPostgres(dsn string) bool {
	return strings.HasPrefix(dsn, "postgres://") || strings.HasPrefix(dsn, "postgresql://")
}

// rebind rewrites ? placeholders for the dialect. The package's SQL never
// has a ? inside a string literal, so a plain scan is enough.
func (d dialect) rebind(query string) string {
	if !d.numbered || !strings.Contains(query, "?") {
		return query
	}
	var b strings.Builder
	b.Grow(len(query) + 8)
	n := 0
	for _, r := range query {
		if r != '?' {
			b.WriteRune(r)
			continue
		}
		n++
		b.WriteByte('$')
		b.WriteString(strconv.Itoa(n))
	}
	return b.String()
}

// placeholders returns n comma-separated ? placeholders, for IN lists.
func placeholders(n int) string {
	return strings.TrimSuffix(strings.Repeat("?, ", n), ", ")
}
