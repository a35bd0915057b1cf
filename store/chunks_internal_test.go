package store

import (
	"bytes"
	"math/rand/v2"
	"slices"
	"testing"
)

// TestSplitChunks: the chunks join back to the bytes, each is minChunk to
// maxChunk bytes (the last may be shorter), and bytes inserted near the
// start change the chunks around them only: the boundaries after it are
// found again, so nearly every chunk of the original is among the new.
func TestSplitChunks(t *testing.T) {
	r := rand.New(rand.NewChaCha8([32]byte{7}))
	b := make([]byte, 300<<10)
	for i := range b {
		b[i] = byte(r.Uint32())
	}
	chunks := splitChunks(b)
	if !bytes.Equal(bytes.Join(chunks, nil), b) {
		t.Fatal("the chunks do not join back to the bytes")
	}
	for i, c := range chunks {
		if len(c) > maxChunk || (len(c) < minChunk && i < len(chunks)-1) {
			t.Errorf("chunk %d of %d is %d bytes", i, len(chunks), len(c))
		}
	}
	if n := len(chunks); n < len(b)/4096 || n > len(b)/minChunk {
		t.Errorf("%d chunks for %d bytes", n, len(b))
	}
	inserted := slices.Concat(b[:1000], []byte("an inserted clause"), b[1000:])
	have := map[string]bool{}
	for _, c := range splitChunks(inserted) {
		have[string(c)] = true
	}
	shared := 0
	for _, c := range chunks {
		if have[string(c)] {
			shared++
		}
	}
	if shared < len(chunks)-3 {
		t.Errorf("after an insertion near the start, %d of %d chunks are shared", shared, len(chunks))
	}
	if got := splitChunks(nil); len(got) != 0 {
		t.Errorf("no bytes split into %d chunks", len(got))
	}
}
