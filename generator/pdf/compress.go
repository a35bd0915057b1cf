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
// streams it still compresses itself); once the pages are finished,
// fillPageCount fills in the page count and deflatePages deflates them,
// with writers reused from a pool, on other goroutines while fpdf writes
// the rest; then compressPages puts them in place of the plain streams and
// rewrites the cross-reference table for the new offsets: ~22 ms and
// 17.4 MB (commit 8769152), ~16.7 MB with the pooled buffers since.

// pageCountMark stands for the number of pages until the end.
const pageCountMark = "{nb}"

// pools holds what is reused between documents: zlib writers and the
// buffers the deflated pages and documents are written into. They are
// bounded free lists rather than sync.Pools, which the garbage collector
// empties, and under load that is exactly when they are needed.
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
	plainStreamHead = []byte(" 0 obj\n<</Length ")
	streamStart     = []byte(">>\nstream\n")
)

// shift records that from offset at on, the output moved by delta bytes.
type shift struct{ at, delta int }

// deflation is a document's pages being deflated on other goroutines,
// while fpdf writes the rest of the document. Each page's content is
// deflated alone, with its dictionary, so the bytes do not depend on how
// the pages were shared out.
type deflation struct {
	pages    [][]byte // the pages' content
	deflated [][]byte // each page deflated, once wg is done
	bufs     []*bytes.Buffer
	wg       sync.WaitGroup
}

// maxDeflaters bounds the goroutines one document's pages are deflated on,
// and deflaterShare is the least page content worth a goroutine of its
// own.
const (
	maxDeflaters  = 4
	deflaterShare = 64 << 10
)

// deflatePages starts deflating pages, whose page count marks must already
// be filled in (fillPageCount), on one goroutine for each deflaterShare of
// their content, at most maxDeflaters and one fewer than GOMAXPROCS (the
// caller's goroutine has the document to write meanwhile), but at least
// one. Each goroutine deflates a run of consecutive pages.
func (d *pools) deflatePages(pages [][]byte) *deflation {
	total := 0
	for _, p := range pages {
		total += len(p)
	}
	n := max(1, min(maxDeflaters, runtime.GOMAXPROCS(0)-1, total/deflaterShare))
	runs := shareOut(pages, total, n)
	df := &deflation{pages: pages, deflated: make([][]byte, len(pages)), bufs: make([]*bytes.Buffer, len(runs))}
	for r, run := range runs {
		df.bufs[r] = d.output()
		df.wg.Go(func() { d.deflateRun(df.bufs[r], run, pages, df.deflated) })
	}
	return df
}

// deflateRun deflates pages[run[0]:run[1]] one after another into buf and
// sets their entries of deflated, which no other run touches.
func (d *pools) deflateRun(buf *bytes.Buffer, run [2]int, pages, deflated [][]byte) {
	ends := make([]int, 0, run[1]-run[0])
	for _, p := range pages[run[0]:run[1]] {
		d.writeCompressed(buf, p)
		ends = append(ends, buf.Len())
	}
	from := 0
	for j, to := range ends { // buf has stopped growing
		deflated[run[0]+j] = buf.Bytes()[from:to]
		from = to
	}
}

// shareOut splits pages, total bytes in all, into at most n runs of
// consecutive pages, [first, end), with about the same amount of content
// each; no run is empty.
func shareOut(pages [][]byte, total, n int) [][2]int {
	runs := make([][2]int, 0, n)
	from, sum := 0, 0
	for i, p := range pages {
		sum += len(p)
		if len(runs) < n-1 && sum*n >= total*(len(runs)+1) {
			runs = append(runs, [2]int{from, i + 1})
			from = i + 1
		}
	}
	if from < len(pages) {
		runs = append(runs, [2]int{from, len(pages)})
	}
	return runs
}

// release waits for the pages and gives the runs' buffers back.
func (df *deflation) release(d *pools) {
	df.wg.Wait()
	for _, b := range df.bufs {
		d.putOutput(b)
	}
}

// fillPageCount puts the page count in place of every pageCountMark on
// pages; the count is padded to the mark's length.
func fillPageCount(pages [][]byte) {
	mark := utf16BE(pageCountMark)
	count := utf16BE(fmt.Sprintf("%-*d", len(pageCountMark), len(pages)))
	for _, data := range pages {
		for at := bytes.Index(data, mark); at >= 0; at = bytes.Index(data, mark) {
			copy(data[at:], count)
		}
	}
}

// compressPages writes in, the document fpdf wrote, to out with each
// uncompressed stream that is one of df's pages replaced by its deflated
// copy (any other is deflated now), and returns out's bytes, which stay
// the caller's until it puts out back. df's buffers are still df's.
func (d *pools) compressPages(in []byte, df *deflation, out *bytes.Buffer) ([]byte, error) {
	df.wg.Wait()
	var shifts []shift
	last, delta, page := 0, 0, 0
	for _, s := range plainStreams(in) {
		out.Write(in[last:s.obj])
		before := out.Len()
		data := in[s.data:s.end]
		if page < len(df.pages) && bytes.Equal(data, df.pages[page]) {
			out.Write(df.deflated[page])
			page++
		} else {
			d.writeCompressed(out, data)
		}
		delta += (out.Len() - before) - (s.end - s.obj)
		shifts = append(shifts, shift{at: s.end, delta: delta})
		last = s.end
	}
	out.Write(in[last:])
	return fixXref(out.Bytes(), shifts)
}

// plainStream is an uncompressed stream object fpdf wrote: its dictionary
// starts at obj and its data runs from data to end.
type plainStream struct{ obj, data, end int }

// plainStreams finds the uncompressed streams in in.
func plainStreams(in []byte) []plainStream {
	var streams []plainStream
	for i := 0; ; {
		k := bytes.Index(in[i:], plainStreamHead)
		if k < 0 {
			return streams
		}
		lenAt := i + k + len(plainStreamHead)
		n, digits := leadingInt(in[lenAt:])
		dataAt := lenAt + digits + len(streamStart)
		if digits == 0 || !bytes.HasPrefix(in[lenAt+digits:], streamStart) || dataAt+n > len(in) {
			i = lenAt
			continue
		}
		streams = append(streams, plainStream{obj: i + k + len(" 0 obj\n"), data: dataAt, end: dataAt + n})
		i = dataAt + n
	}
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
