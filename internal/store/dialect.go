package store

import (
	"errors"
	"strconv"
	"strings"

	"github.com/jackc/pgx/v5/pgconn"
	"modernc.org/sqlite"
	sqlite3 "modernc.org/sqlite/lib"
)

// dialect is the narrow seam between the two engines. Everything else is
// written once, in the SQL subset both accept, with '?' placeholders.
type dialect interface {
	name() string
	// rebind rewrites '?' placeholders into the engine's own form.
	rebind(q string) string
	// forUpdate is appended to a SELECT that must lock the rows it reads
	// until the transaction ends. SQLite needs nothing: its writer
	// transactions are already exclusive (BEGIN IMMEDIATE).
	forUpdate() string
	// skipLocked is appended to the SELECT that claims due jobs, so that
	// several app nodes claim different rows without waiting on each other.
	// SQLite needs nothing: its single writer is exclusive anyway.
	skipLocked() string
	// isUniqueViolation reports whether err is a unique-constraint failure.
	isUniqueViolation(err error) bool
	// isTransient reports whether err is the server breaking a deadlock
	// between writers or a serialization failure: nobody's mistake, and the
	// same request again would likely succeed.
	isTransient(err error) bool
	// indexedBy follows a table name to make SQLite use that index, where
	// without statistics (congvu does not run ANALYZE) it would pick a
	// worse one. PostgreSQL plans from its statistics: nothing.
	indexedBy(index string) string
	// search finds the rows of alias's table whose folded text contains
	// query, newest first or in the caller's order, through the table's
	// trigram index as the hint from a sample of the table suggests, or
	// reports false when it cannot (search.go).
	search(index, alias, query string, hint searchHint, newestFirst bool) (textSearch, bool)
}

type sqliteDialect struct{}

func (sqliteDialect) name() string           { return "sqlite" }
func (sqliteDialect) rebind(q string) string { return q }
func (sqliteDialect) forUpdate() string      { return "" }
func (sqliteDialect) skipLocked() string     { return "" }
func (sqliteDialect) indexedBy(index string) string {
	return " INDEXED BY " + index
}
func (sqliteDialect) isTransient(error) bool { return false }
func (sqliteDialect) isUniqueViolation(err error) bool {
	var se *sqlite.Error
	if errors.As(err, &se) {
		c := se.Code()
		return c == sqlite3.SQLITE_CONSTRAINT_UNIQUE || c == sqlite3.SQLITE_CONSTRAINT_PRIMARYKEY
	}
	return false
}

type postgresDialect struct{}

func (postgresDialect) name() string            { return "postgres" }
func (postgresDialect) forUpdate() string       { return " FOR UPDATE" }
func (postgresDialect) skipLocked() string      { return " FOR UPDATE SKIP LOCKED" }
func (postgresDialect) indexedBy(string) string { return "" }
func (postgresDialect) isTransient(err error) bool {
	var pe *pgconn.PgError
	return errors.As(err, &pe) && (pe.Code == "40P01" || pe.Code == "40001")
}
func (postgresDialect) isUniqueViolation(err error) bool {
	var pe *pgconn.PgError
	return errors.As(err, &pe) && pe.Code == "23505"
}

// rebind turns '?' into $1, $2, ... skipping quoted strings, so that the
// same query text serves both engines.
func (postgresDialect) rebind(q string) string {
	if !strings.Contains(q, "?") {
		return q
	}
	var b strings.Builder
	b.Grow(len(q) + 8)
	n := 0
	inStr := false
	for i := 0; i < len(q); i++ {
		c := q[i]
		switch {
		case c == '\'':
			inStr = !inStr
			b.WriteByte(c)
		case c == '?' && !inStr:
			n++
			b.WriteByte('$')
			b.WriteString(strconv.Itoa(n))
		default:
			b.WriteByte(c)
		}
	}
	return b.String()
}
