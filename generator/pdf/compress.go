package pdf

import (
	"bytes"
	"fmt"
	"io"
	"runtime"
	"sort"
	"strconv"
	"sync"

	"github.com/klauspost/compress/zlib"
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
// The streams are deflated on up to maxDeflaters goroutines, each a run
// of consecutive pages, so that a long document's pages are compressed on
// every core; each stream is deflated alone, so the bytes do not depend on
// how the pages were shared out.
func (d *pools) compressPages(in []byte, pages int, out *bytes.Buffer) ([]byte, error) {
	streams := pageStreams(in, pages)
	runs := shareOut(streams, deflaters(streams))
	deflated := make([]deflatedRun, len(runs))
	var wg sync.WaitGroup
	for r := 1; r < len(runs); r++ {
		wg.Go(func() { deflated[r] = d.deflateRun(in, runs[r]) })
	}
	if len(runs) > 0 {
		deflated[0] = d.deflateRun(in, runs[0])
	}
	wg.Wait()
	var shifts []shift
	last, delta := 0, 0
	for r, run := range runs {
		from := 0
		for j, s := range run {
			out.Write(in[last:s.obj])
			to := deflated[r].ends[j]
			out.Write(deflated[r].buf.Bytes()[from:to])
			delta += (to - from) - (s.end - s.obj)
			shifts = append(shifts, shift{at: s.end, delta: delta})
			last, from = s.end, to
		}
		d.putOutput(deflated[r].buf)
	}
	out.Write(in[last:])
	return fixXref(out.Bytes(), shifts)
}

// pageStream is an uncompressed stream object fpdf wrote: its dictionary
// starts at obj and its data runs from data to end.
type pageStream struct{ obj, data, end int }

// maxDeflaters bounds the goroutines one document's pages are deflated on,
// and deflaterShare is the least stream data worth a goroutine of its own.
const (
	maxDeflaters  = 4
	deflaterShare = 64 << 10
)

// pageStreams finds the uncompressed streams in in and puts the page count
// in place of every pageCountMark in them; the count is padded to the
// mark's length.
func pageStreams(in []byte, pages int) []pageStream {
	mark := utf16BE(pageCountMark)
	count := utf16BE(fmt.Sprintf("%-*d", len(pageCountMark), pages))
	var streams []pageStream
	for i := 0; ; {
		k := bytes.Index(in[i:], plainStream)
		if k < 0 {
			return streams
		}
		lenAt := i + k + len(plainStream)
		n, digits := leadingInt(in[lenAt:])
		dataAt := lenAt + digits + len(streamStart)
		if digits == 0 || !bytes.HasPrefix(in[lenAt+digits:], streamStart) || dataAt+n > len(in) {
			i = lenAt
			continue
		}
		data := in[dataAt : dataAt+n]
		for at := bytes.Index(data, mark); at >= 0; at = bytes.Index(data, mark) {
			copy(data[at:], count)
		}
		streams = append(streams, pageStream{obj: i + k + len(" 0 obj\n"), data: dataAt, end: dataAt + n})
		i = dataAt + n
	}
}

// deflaters is how many goroutines streams are worth: one per
// deflaterShare of their data, at most maxDeflaters and GOMAXPROCS.
func deflaters(streams []pageStream) int {
	total := 0
	for _, s := range streams {
		total += s.end - s.data
	}
	return max(1, min(maxDeflaters, runtime.GOMAXPROCS(0), total/deflaterShare))
}

// shareOut splits streams into at most n runs of consecutive streams with
// about the same amount of data each.
func shareOut(streams []pageStream, n int) [][]pageStream {
	total := 0
	for _, s := range streams {
		total += s.end - s.data
	}
	runs := make([][]pageStream, 0, n)
	from, sum := 0, 0
	for i, s := range streams {
		sum += s.end - s.data
		if len(runs) < n-1 && sum*n >= total*(len(runs)+1) {
			runs = append(runs, streams[from:i+1])
			from = i + 1
		}
	}
	if from < len(streams) {
		runs = append(runs, streams[from:])
	}
	return runs
}

// deflatedRun is a run of streams deflated, dictionaries and all, one
// after another into buf; ends holds where each ends.
type deflatedRun struct {
	buf  *bytes.Buffer
	ends []int
}

func (d *pools) deflateRun(in []byte, run []pageStream) deflatedRun {
	r := deflatedRun{buf: d.output(), ends: make([]int, len(run))}
	for j, s := range run {
		d.writeCompressed(r.buf, in[s.data:s.end])
		r.ends[j] = r.buf.Len()
	}
	return r
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
