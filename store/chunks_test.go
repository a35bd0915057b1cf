package store_test

import (
	"bytes"
	"context"
	"math/rand/v2"
	"slices"
	"testing"
	"time"

	"partnerdocs/partnership"
)

// noise is n bytes that do not compress and repeat nowhere, the same for
// the same seed: a document's worth of bytes the chunking cannot share by
// accident.
func noise(seed uint64, n int) []byte {
	r := rand.New(rand.NewChaCha8([32]byte{byte(seed), byte(seed >> 8)}))
	b := make([]byte, n)
	for i := range b {
		b[i] = byte(r.Uint32())
	}
	return b
}

// edited is b with a few bytes in the middle replaced by longer ones, as a
// draft generated again after an edit differs from the last.
func edited(b []byte) []byte {
	mid := len(b) / 2
	return slices.Concat(b[:mid], []byte("Load test: a new purpose, longer than the old."), b[mid+20:])
}

// chunkStore is how many chunks the register keeps and their bytes.
func chunkStore(t *testing.T, r register) (n, size int64) {
	t.Helper()
	err := r.QueryRowSQL(context.Background(), `SELECT COUNT(*), COALESCE(SUM(LENGTH(bytes)), 0) FROM content_chunks`).Scan(&n, &size)
	if err != nil {
		t.Fatal(err)
	}
	return n, size
}

// addBytes stores b as a new draft pdf of ref's revision 1.
func addBytes(t *testing.T, r register, ref string, b []byte) *partnership.Document {
	t.Helper()
	d := draft(ref, 1, "")
	d.Bytes = b
	return addDocument(t, r, d)
}

// wantSame fails the test unless document id reads back as exactly want.
func wantSame(t *testing.T, r register, id int64, want []byte) {
	t.Helper()
	d, err := r.Document(context.Background(), id)
	if err != nil {
		t.Fatalf("document %d: %v", id, err)
	}
	if !bytes.Equal(d.Bytes, want) {
		t.Errorf("document %d reads back %d bytes, not the %d stored", id, len(d.Bytes), len(want))
	}
}

// TestDocumentsShareTheirChunks: a document that differs from another in
// one place stores little more than the bytes around the difference; both
// read back byte for byte, and the same bytes again store nothing.
func TestDocumentsShareTheirChunks(t *testing.T) {
	eachDB(t, func(t *testing.T, r register) {
		ref := create(t, r, sample(t, "waste-partnership.json")).Ref
		first := noise(1, 200<<10)
		second := edited(first)
		a := addBytes(t, r, ref, first)
		_, afterFirst := chunkStore(t, r)
		if afterFirst < int64(len(first)) || afterFirst > int64(len(first))+1024 {
			t.Fatalf("the first document (%d bytes) stored %d bytes of chunks", len(first), afterFirst)
		}
		b := addBytes(t, r, ref, second)
		_, afterSecond := chunkStore(t, r)
		if grew := afterSecond - afterFirst; grew <= 0 || grew > 40<<10 {
			t.Errorf("the second document, one edit away from the first, stored %d more bytes of chunks; want a few KiB", grew)
		}
		again := addBytes(t, r, ref, second)
		if n, size := chunkStore(t, r); size != afterSecond {
			t.Errorf("storing the second document's bytes again: %d chunks, %d bytes; had %d bytes", n, size, afterSecond)
		}
		wantSame(t, r, a.ID, first)
		wantSame(t, r, b.ID, second)
		wantSame(t, r, again.ID, second)
	})
}

// TestMissingChunkIsAnError: a document one of whose chunks has gone is
// not read back short; reading it is an error.
func TestMissingChunkIsAnError(t *testing.T) {
	eachDB(t, func(t *testing.T, r register) {
		ctx := context.Background()
		ref := create(t, r, sample(t, "waste-partnership.json")).Ref
		d := addBytes(t, r, ref, noise(2, 64<<10))
		if err := r.ExecSQL(ctx, `DELETE FROM content_chunks WHERE sha256 = (SELECT sha256 FROM content_chunks ORDER BY sha256 LIMIT 1)`); err != nil {
			t.Fatal(err)
		}
		if got, err := r.Document(ctx, d.ID); err == nil {
			t.Errorf("document %d read back %d bytes with a chunk missing", d.ID, len(got.Bytes))
		}
	})
}

// TestPruneDeletesOnlyUnusedChunks: pruning a draft deletes the chunks
// only it used, reports their bytes, and leaves the chunks it shared with
// the latest draft, which reads back whole.
func TestPruneDeletesOnlyUnusedChunks(t *testing.T) {
	eachDB(t, func(t *testing.T, r register) {
		ctx := context.Background()
		ref := create(t, r, sample(t, "waste-partnership.json")).Ref
		first := noise(3, 120<<10)
		second := edited(first)
		addBytes(t, r, ref, first)
		latest := addBytes(t, r, ref, second)
		_, before := chunkStore(t, r)
		r.clock.Advance(48 * time.Hour)
		pruned, err := r.PruneDrafts(ctx, r.clock.Now().Add(-time.Hour), admin)
		if err != nil || len(pruned.Documents) != 1 || pruned.Contents != 1 {
			t.Fatalf("pruning: %+v, %v; want the first draft and its content", pruned, err)
		}
		_, after := chunkStore(t, r)
		if pruned.Bytes != before-after || pruned.Bytes <= 0 || pruned.Bytes > 40<<10 {
			t.Errorf("pruning reported %d bytes freed; the chunks went from %d to %d bytes", pruned.Bytes, before, after)
		}
		if after < int64(len(second)) {
			t.Errorf("%d bytes of chunks left for a document of %d", after, len(second))
		}
		wantSame(t, r, latest.ID, second)
	})
}

// TestMigrationSplitsContents: contents stored whole at schema 10, as every
// content was before, read back byte for byte once migration 11 has split
// them into chunks (two equal documents and one edited sharing them);
// going back down to schema 9 puts each content's bytes back whole.
func TestMigrationSplitsContents(t *testing.T) {
	eachDB(t, func(t *testing.T, r register) {
		ctx := context.Background()
		ref := create(t, r, sample(t, "waste-partnership.json")).Ref
		kept := noise(4, 90<<10)
		d := addBytes(t, r, ref, kept)
		if err := r.MigrateDownTo(ctx, 10); err != nil {
			t.Fatal(err)
		}
		if n, size := chunkStore(t, r); n != 0 || size != 0 {
			t.Errorf("at schema 10, %d chunks (%d bytes) are left", n, size)
		}
		wantWhole(t, r, hexSHA256(string(kept)), kept)
		old := noise(5, 150<<10)
		bodies := [][]byte{old, old, edited(old)}
		for i, body := range bodies {
			sum := hexSHA256(string(body))
			err := r.ExecSQL(ctx, `INSERT INTO document_contents (sha256, bytes) VALUES (?, ?)
				ON CONFLICT (sha256) DO NOTHING`, sum, body)
			if err == nil {
				err = r.ExecSQL(ctx, `INSERT INTO documents (ref, kind, format, version, revision, template_id,
					template_version, sha256, fingerprint, generated_at, dated_at, generated_by, status)
					VALUES (?, 'mou', 'pdf', ?, 1, 'mou', '1.0.0', ?, 'fp', ?, ?, 'olive', 'superseded')`,
					ref, i+1, sum, start, start)
			}
			if err != nil {
				t.Fatalf("storing a document at schema 10: %v", err)
			}
		}
		if err := r.Migrate(ctx); err != nil {
			t.Fatal(err)
		}
		var whole int
		if err := r.QueryRowSQL(ctx, `SELECT COUNT(*) FROM document_contents WHERE chunks IS NULL OR LENGTH(bytes) > 0`).Scan(&whole); err != nil || whole != 0 {
			t.Errorf("after migrating, %d contents are kept whole, %v", whole, err)
		}
		if _, size := chunkStore(t, r); size > int64(len(kept)+len(old))+40<<10 {
			t.Errorf("after migrating, %d bytes of chunks for %d bytes of different documents, one edited", size, len(kept)+len(old))
		}
		list, err := r.Documents(ctx, ref)
		if err != nil || len(list) != 4 {
			t.Fatalf("after migrating: %d documents, %v", len(list), err)
		}
		for _, doc := range list {
			if doc.Kind == "mou" {
				wantSame(t, r, doc.ID, bodies[doc.Version-1])
			}
		}
		wantSame(t, r, d.ID, kept)
		if err := r.MigrateDownTo(ctx, 9); err != nil {
			t.Fatal(err)
		}
		wantWhole(t, r, hexSHA256(string(old)), old)
		wantWhole(t, r, hexSHA256(string(kept)), kept)
	})
}

// wantWhole fails the test unless the content sum keeps want whole in its
// bytes column, as before chunks.
func wantWhole(t *testing.T, r register, sum string, want []byte) {
	t.Helper()
	var got []byte
	if err := r.QueryRowSQL(context.Background(), `SELECT bytes FROM document_contents WHERE sha256 = ?`, sum).Scan(&got); err != nil {
		t.Fatal(err)
	}
	if !bytes.Equal(got, want) {
		t.Errorf("content %s keeps %d bytes whole, want the %d stored", sum, len(got), len(want))
	}
}
