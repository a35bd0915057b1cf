package store

import (
	"bytes"
	"context"
	"crypto/sha256"
	"database/sql"
	"errors"
	"fmt"
	"slices"
)

// A document's bytes are stored in chunks, each once per SHA-256, in
// content_chunks; the content (document_contents, one per document's
// SHA-256) keeps the list of its chunks' hashes in order. The chunks'
// boundaries are found from the bytes themselves (content-defined
// chunking), so a document that differs from an earlier one in a few
// places, as a draft generated again after an edit does, shares all its
// other chunks with it: under the register's mixed load a new draft
// agreement stores about a sixth of its bytes. A content stored before the
// chunks (migration 10) keeps its bytes whole until migration 11 splits
// it, and reads back either way.

const (
	minChunk = 512      // no boundary is taken before this many bytes
	maxChunk = 16 << 10 // a boundary is forced after this many
	chunkSum = sha256.Size
	// chunkMask's ten high bits, all zero in the rolling hash, mark a
	// boundary: one byte in 1,024 after minChunk, so chunks average about
	// 1.5 KB and most fit in a SQLite page with others.
	chunkMask = uint64(0x3ff) << 54
	// chunkBatch is how many chunks one statement writes or reads.
	chunkBatch = 200
)

// gearTable is the rolling hash's value for each byte: fixed numbers
// (splitmix64 of the byte), so that every instance of the server, today
// and after an upgrade, cuts the same bytes at the same places.
func gearTable() *[256]uint64 {
	var g [256]uint64
	for i := range g {
		z := uint64(i+1) * 0x9e3779b97f4a7c15
		z = (z ^ z>>30) * 0xbf58476d1ce4e5b9
		z = (z ^ z>>27) * 0x94d049bb133111eb
		g[i] = z ^ z>>31
	}
	return &g
}

// splitChunks cuts b where the rolling hash of the last 64 bytes has its
// ten high bits zero, with chunks of minChunk to maxChunk bytes (the last
// may be shorter). The chunks are slices of b.
func splitChunks(b []byte) [][]byte {
	gear := gearTable()
	chunks := make([][]byte, 0, len(b)/1536+1)
	for len(b) > 0 {
		n := min(len(b), maxChunk)
		var h uint64
		for i := minChunk; i < n; i++ {
			h = h<<1 + gear[b[i]]
			if h&chunkMask == 0 {
				n = i + 1
				break
			}
		}
		chunks = append(chunks, b[:n])
		b = b[n:]
	}
	return chunks
}

// storeContent keeps a document's bytes under their SHA-256, in chunks,
// unless they are kept already. The content's row is written first: on
// PostgreSQL that takes the lock a pruning takes on document_contents
// before it deletes unused chunks, so a chunk this content counts on
// being there cannot be deleted before it commits.
func (t *tx) storeContent(ctx context.Context, sum string, b []byte) error {
	chunks, list := chunksOf(b)
	res, err := t.exec(ctx, `INSERT INTO document_contents (sha256, bytes, chunks) VALUES (?, ?, ?)
		ON CONFLICT (sha256) DO NOTHING`, sum, []byte{}, list)
	if err != nil {
		return domainError(err, "document content "+sum)
	}
	if n, err := res.RowsAffected(); err != nil || n == 0 {
		return domainError(err, "document content "+sum) // nil when it was kept already
	}
	return t.storeChunks(ctx, chunks, list)
}

// chunksOf splits b into chunks and lists their SHA-256s, in order.
func chunksOf(b []byte) (chunks [][]byte, list []byte) {
	chunks = splitChunks(b)
	list = make([]byte, 0, len(chunks)*chunkSum)
	for _, c := range chunks {
		s := sha256.Sum256(c)
		list = append(list, s[:]...)
	}
	return chunks, list
}

// storeChunks writes the chunks not kept already, chunkBatch at a time;
// sums holds their SHA-256s in order.
func (t *tx) storeChunks(ctx context.Context, chunks [][]byte, sums []byte) error {
	seen := make(map[string]bool, len(chunks))
	args := make([]any, 0, 2*chunkBatch)
	flush := func() error {
		if len(args) == 0 {
			return nil
		}
		values := bytes.Repeat([]byte("(?, ?), "), len(args)/2)
		_, err := t.exec(ctx, `INSERT INTO content_chunks (sha256, bytes) VALUES `+
			string(values[:len(values)-2])+` ON CONFLICT (sha256) DO NOTHING`, args...)
		args = args[:0]
		return domainError(err, "document chunks")
	}
	for i, c := range chunks {
		s := sums[i*chunkSum : (i+1)*chunkSum]
		if seen[string(s)] {
			continue
		}
		seen[string(s)] = true
		if args = append(args, s, c); len(args) == 2*chunkBatch {
			if err := flush(); err != nil {
				return err
			}
		}
	}
	return flush()
}

// content reads back the bytes stored under sum, whole or from their
// chunks, and checks they still have that SHA-256.
func (t *tx) content(ctx context.Context, sum string) ([]byte, error) {
	var whole, list []byte
	err := t.queryRow(ctx, `SELECT bytes, chunks FROM document_contents WHERE sha256 = ?`, sum).Scan(&whole, &list)
	if errors.Is(err, sql.ErrNoRows) {
		return nil, fmt.Errorf("store: the content %s is missing", sum)
	}
	if err != nil {
		return nil, domainError(err, "document content "+sum)
	}
	b := whole
	if list != nil {
		if b, err = t.joinChunks(ctx, list); err != nil {
			return nil, fmt.Errorf("store: document content %s: %w", sum, err)
		}
	}
	if len(b) == 0 || sha256Hex(b) != sum {
		return nil, fmt.Errorf("store: the content %s reads back with another SHA-256 (%d bytes)", sum, len(b))
	}
	return b, nil
}

// joinChunks reads the chunks whose SHA-256s list holds and joins them in
// its order.
func (t *tx) joinChunks(ctx context.Context, list []byte) ([]byte, error) {
	if len(list)%chunkSum != 0 {
		return nil, fmt.Errorf("its list of chunks is %d bytes, not a whole number of SHA-256s", len(list))
	}
	found := make(map[string][]byte, len(list)/chunkSum)
	for from := 0; from < len(list); from += chunkBatch * chunkSum {
		batch := list[from:min(len(list), from+chunkBatch*chunkSum)]
		args := make([]any, 0, len(batch)/chunkSum)
		for s := range slices.Chunk(batch, chunkSum) {
			args = append(args, s)
		}
		if err := t.readChunks(ctx, args, found); err != nil {
			return nil, err
		}
	}
	size := 0
	for s := range slices.Chunk(list, chunkSum) {
		c, ok := found[string(s)]
		if !ok {
			return nil, fmt.Errorf("its chunk %x is missing", s)
		}
		size += len(c)
	}
	b := make([]byte, 0, size)
	for s := range slices.Chunk(list, chunkSum) {
		b = append(b, found[string(s)]...)
	}
	return b, nil
}

// readChunks adds the chunks named by sums to found.
func (t *tx) readChunks(ctx context.Context, sums []any, found map[string][]byte) error {
	rows, err := t.query(ctx, `SELECT sha256, bytes FROM content_chunks WHERE sha256 IN (`+placeholders(len(sums))+`)`, sums...)
	if err != nil {
		return domainError(err, "document chunks")
	}
	defer rows.Close()
	for rows.Next() {
		var s, c []byte
		if err := rows.Scan(&s, &c); err != nil {
			return domainError(err, "document chunks")
		}
		found[string(s)] = c
	}
	return domainError(rows.Err(), "document chunks")
}

// deleteUnusedChunks deletes every chunk no content lists, and answers
// their size. It reads every content's list: run it only after contents
// were deleted, in a transaction that keeps others from storing one.
func (t *tx) deleteUnusedChunks(ctx context.Context) (int64, error) {
	used, err := t.listedChunks(ctx)
	if err != nil {
		return 0, err
	}
	rows, err := t.query(ctx, `SELECT sha256, LENGTH(bytes) FROM content_chunks`)
	if err != nil {
		return 0, domainError(err, "document chunks")
	}
	var unused [][]byte
	var size int64
	for rows.Next() {
		var s []byte
		var n int64
		if err := rows.Scan(&s, &n); err != nil {
			rows.Close()
			return 0, domainError(err, "document chunks")
		}
		if !used[string(s)] {
			unused, size = append(unused, s), size+n
		}
	}
	if err := closeRows(rows); err != nil {
		return 0, domainError(err, "document chunks")
	}
	for from := 0; from < len(unused); from += chunkBatch {
		batch := unused[from:min(len(unused), from+chunkBatch)]
		args := make([]any, len(batch))
		for i, s := range batch {
			args[i] = s
		}
		if _, err := t.exec(ctx, `DELETE FROM content_chunks WHERE sha256 IN (`+placeholders(len(args))+`)`, args...); err != nil {
			return 0, domainError(err, "document chunks")
		}
	}
	return size, nil
}

// listedChunks is the set of the chunks' SHA-256s some content lists.
func (t *tx) listedChunks(ctx context.Context) (map[string]bool, error) {
	rows, err := t.query(ctx, `SELECT chunks FROM document_contents WHERE chunks IS NOT NULL`)
	if err != nil {
		return nil, domainError(err, "document contents")
	}
	defer rows.Close()
	used := map[string]bool{}
	for rows.Next() {
		var list []byte
		if err := rows.Scan(&list); err != nil {
			return nil, domainError(err, "document contents")
		}
		for s := range slices.Chunk(list, chunkSum) {
			used[string(s)] = true
		}
	}
	return used, domainError(rows.Err(), "document contents")
}

// closeRows closes rows read to the end and answers any error of theirs.
func closeRows(rows *sql.Rows) error {
	if err := rows.Close(); err != nil {
		return err
	}
	return rows.Err()
}
