package pdf

import "math"

// The DRAFT watermark is drawn as strokes, not text: a text watermark is
// extracted by PDF readers and screen readers letter by letter in the middle
// of the clauses it crosses. The draft status is stated in words in every
// page header instead.

type point struct{ x, y float64 }

// Strokes of each letter in a unit box, y growing downwards.
var watermarkLetters = [][][]point{
	{append(append([]point{{0.45, 0}, {0, 0}, {0, 1}, {0.45, 1}}, arc(0.45, 0.5, 0.5, 90, -90)...), point{0.45, 0})},                 // D
	{append(append([]point{{0, 1}, {0, 0}, {0.5, 0}}, arc(0.5, 0.27, 0.27, -90, 90)...), point{0, 0.54}), {{0.42, 0.54}, {0.95, 1}}}, // R
	{{{0, 1}, {0.5, 0}, {1, 1}}, {{0.22, 0.62}, {0.78, 0.62}}},                                                                       // A
	{{{0.9, 0}, {0, 0}, {0, 1}}, {{0, 0.5}, {0.7, 0.5}}},                                                                             // F
	{{{0, 0}, {1, 0}}, {{0.5, 0}, {0.5, 1}}},                                                                                         // T
}

func arc(cx, cy, r, from, to float64) []point {
	const steps = 10
	pts := make([]point, 0, steps+1)
	for i := 0; i <= steps; i++ {
		a := (from + (to-from)*float64(i)/steps) * math.Pi / 180
		pts = append(pts, point{cx + r*math.Cos(a), cy + r*math.Sin(a)})
	}
	return pts
}

func (w *pdfWriter) watermark() {
	const h, lw, gap = 46.0, 30.0, 12.0
	p := w.pdf
	total := 5*lw + 4*gap
	x0, y0 := pageW/2-total/2, pageH/2-h/2
	p.TransformBegin()
	p.TransformRotate(55, pageW/2, pageH/2)
	p.SetDrawColor(226, 226, 226)
	p.SetLineWidth(7)
	p.SetLineCapStyle("round")
	p.SetLineJoinStyle("round")
	for i, letter := range watermarkLetters {
		lx := x0 + float64(i)*(lw+gap)
		for _, stroke := range letter {
			for j, pt := range stroke {
				if j == 0 {
					p.MoveTo(lx+pt.x*lw, y0+pt.y*h)
				} else {
					p.LineTo(lx+pt.x*lw, y0+pt.y*h)
				}
			}
			p.DrawPath("D")
		}
	}
	p.SetLineCapStyle("butt")
	p.SetLineJoinStyle("miter")
	p.TransformEnd()
}
