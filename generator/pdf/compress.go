package pdf

import (
	"bytes"
	"fmt"
	"github.com/klauspost/compress/zlib"
	"io"
	"sort"
	"strconv"
)

// Hand-written PDF stream rewriting, for a measured target:
// BenchmarkRenderAgreementPDF (generator/bench_test.go), at most 25 ms and
// 16 MiB allocated per health-alliance agreement. fpdf makes a new zlib
// writer for every page it compresses, about a megabyte of allocation each,
// and rewrites every page twice to put in the page count: 27.7 ms and
// 23.1 MB per document. Instead fpdf writes page contents uncompressed (font
// streams it still compresses itself) and compressPages fills in the page
// count and deflates each page afterwards with a writer reused from a pool,
// then rewrites the cross-reference table for the new offsets: ~22 ms and
// 17.4 MB (commit 8769152), ~16.7 MB with the pooled buffers since.

// pageCountMark stands for the number of pages until the end.
const pageCountMark = "{nb}"

// pools holds what is reused between documents: zlib writers and the
// buffer fpdf writes the uncompressed document into. They are bounded free
// lists rather than sync.Pools, which the garbage collector empties, and
// under load that is exactly when they are needed.
type pools struct {
	deflaters chan *zlib.Writer
	outputs   chan *bytes.Buffer
}

func newPools(n int) pools {
	return pools{deflaters: make(chan *zlib.Writer, n), outputs: make(chan *bytes.Buffer, n)}
}

func (d *pools) output() *bytes.Buffer {
	select {
	case b := <-d.outputs:
		b.Reset()
		return b
	default:
		return bytes.NewBuffer(make([]byte, 0, 1<<20))
	}
}

func (d *pools) putOutput(b *bytes.Buffer) {
	select {
	case d.outputs <- b:
	default:
	}
}

func (d *pools) get(w io.Writer) *zlib.Writer {
	select {
	case z := <-d.deflaters:
		z.Reset(w)
		return z
	default:
		z, _ := zlib.NewWriterLevel(w, zlib.BestSpeed) // the level is valid, so no error
		return z
	}
}

func (d *pools) put(z *zlib.Writer) {
	select {
	case d.deflaters <- z:
	default:
	}
}

var (
	plainStream = []byte(" 0 obj\n<</Length ")
	streamStart = []byte(">>\nstream\n")
)

// shift records that from offset at on, the output moved by delta bytes.
type shift struct{ at, delta int }

// compressPages writes in to out with its page streams deflated and
// returns out's bytes, which stay the caller's until it puts out back.
func (d *pools) compressPages(in []byte, pages int, out *bytes.Buffer) ([]byte, error) {
	mark := utf16BE(pageCountMark)
	count := utf16BE(fmt.Sprintf("%-*d", len(pageCountMark), pages))
	var shifts []shift
	last, delta := 0, 0
	for i := 0; ; {
		k := bytes.Index(in[i:], plainStream)
		if k < 0 {
			break
		}
		lenAt := i + k + len(plainStream)
		n, digits := leadingInt(in[lenAt:])
		dataAt := lenAt + digits + len(streamStart)
		if digits == 0 || !bytes.HasPrefix(in[lenAt+digits:], streamStart) || dataAt+n > len(in) {
			i = lenAt
			continue
		}
		out.Write(in[last : i+k+len(" 0 obj\n")])
		before := out.Len()
		data := in[dataAt : dataAt+n]
		// The count is padded to the mark's length, so it is put in place.
		for at := bytes.Index(data, mark); at >= 0; at = bytes.Index(data, mark) {
			copy(data[at:], count)
		}
		d.writeCompressed(out, data)
		delta += (out.Len() - before) - (dataAt + n - (i + k + len(" 0 obj\n")))
		shifts = append(shifts, shift{at: dataAt + n, delta: delta})
		last, i = dataAt+n, dataAt+n
	}
	out.Write(in[last:])
	return fixXref(out.Bytes(), shifts)
}

// writeCompressed deflates data straight into out, then fills in the
// length, which the dictionary leaves room for.
func (d *pools) writeCompressed(out *bytes.Buffer, data []byte) {
	const head = "<</Filter /FlateDecode /Length "
	at := out.Len() + len(head)
	out.WriteString(head + "          >>\nstream\n")
	start := out.Len()
	zw := d.get(out)
	zw.Write(data) // writes to a bytes.Buffer do not fail
	zw.Close()
	d.put(zw)
	copy(out.Bytes()[at:], strconv.Itoa(out.Len()-start))
}

func leadingInt(b []byte) (n, digits int) {
	for digits < len(b) && digits < 12 && b[digits] >= '0' && b[digits] <= '9' {
		n = n*10 + int(b[digits]-'0')
		digits++
	}
	return n, digits
}

// fixXref rewrites the xref entries and startxref for the moved objects.
// The table keeps its length, since every entry is ten digits.
func fixXref(pdf []byte, shifts []shift) ([]byte, error) {
	moved := func(off int) int {
		i := sort.Search(len(shifts), func(i int) bool { return shifts[i].at > off })
		if i == 0 {
			return off
		}
		return off + shifts[i-1].delta
	}
	x := bytes.LastIndex(pdf, []byte("\nxref\n"))
	sx := bytes.LastIndex(pdf, []byte("\nstartxref\n"))
	if x < 0 || sx < x {
		return nil, fmt.Errorf("PDF has no cross-reference table")
	}
	p := x + len("\nxref\n")
	p += bytes.IndexByte(pdf[p:], '\n') + 1 // "0 N"
	for p+20 <= sx && (pdf[p+17] == 'n' || pdf[p+17] == 'f') {
		if pdf[p+17] == 'n' {
			off, _ := strconv.Atoi(string(pdf[p : p+10]))
			copy(pdf[p:p+10], fmt.Sprintf("%010d", moved(off)))
		}
		p += 20
	}
	end := bytes.IndexByte(pdf[sx+len("\nstartxref\n"):], '\n')
	if end < 0 {
		return nil, fmt.Errorf("PDF has no startxref value")
	}
	tail := append([]byte(fmt.Sprintf("\nstartxref\n%d", x+1)), pdf[sx+len("\nstartxref\n")+end:]...)
	pdf = append(pdf[:sx], tail...)
	if bytes.HasPrefix(pdf, []byte("%PDF-1.3")) {
		pdf[7] = '4' // the catalogue's /Lang entry is PDF 1.4
	}
	return pdf, nil
}

// utf16BE is how fpdf writes ASCII text in a UTF-8 font to a page.
func utf16BE(s string) []byte {
	b := make([]byte, 0, 2*len(s))
	for i := 0; i < len(s); i++ {
		b = append(b, 0, s[i])
	}
	return b
}
