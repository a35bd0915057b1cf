package outline

import (
	"fmt"
	"strconv"
	"strings"
)

// A risk matrix is asked for with a fenced block whose info string is
// MatrixInfo. Its lines are data, never Markdown: "band FROM NAME" names
// the band of every score from FROM up to the next band's (highest band
// first), and "risk LIKELIHOOD IMPACT REF" places a risk; REF is the rest
// of the line, Markdown-escaped as every user's value is, and unescaped
// here. A line starts with a word, so a user's text can never close the
// fence.
const MatrixInfo = "risk-matrix"

// MatrixSize is the number of steps on each axis: 1 to 5.
const MatrixSize = 5

// Matrix is a risk matrix block's content: likelihood down the side,
// highest at the top, against impact along the bottom.
type Matrix struct {
	// Cells[r][c] is the cell of likelihood MatrixSize-r and impact c+1.
	Cells [MatrixSize][MatrixSize]MatrixCell
	Bands []Band // highest first
	Risks int    // how many risks the cells hold
}

// MatrixCell is one cell: the refs of its risks in the register's order,
// and the index into Matrix.Bands of its score's band.
type MatrixCell struct {
	Refs []string
	Band int
}

// RefsText is the cell's refs as printed, the first n of them when there
// are more, followed by how many more: "R1, R2 and 12 more". A renderer
// that has only so much room prints fewer; the register lists them all,
// and the alt text names them all.
func (c MatrixCell) RefsText(n int) string {
	switch {
	case n >= len(c.Refs):
		return strings.Join(c.Refs, ", ")
	case n <= 0:
		return plural(len(c.Refs), "risk")
	}
	return strings.Join(c.Refs[:n], ", ") + " and " + strconv.Itoa(len(c.Refs)-n) + " more"
}

// Band is a band of scores: From up to the next higher band's From.
type Band struct {
	Name string
	From int
}

// The words for each step of the axes, from 1.
var (
	likelihoodWords = [MatrixSize]string{"Rare", "Unlikely", "Possible", "Likely", "Almost certain"}
	impactWords     = [MatrixSize]string{"Negligible", "Minor", "Moderate", "Major", "Severe"}
)

// LikelihoodWord is the word for likelihood n (1 to 5): "Rare" ...
// "Almost certain".
func LikelihoodWord(n int) string { return likelihoodWords[n-1] }

// ImpactWord is the word for impact n (1 to 5): "Negligible" ... "Severe".
func ImpactWord(n int) string { return impactWords[n-1] }

// Likelihood is the likelihood of the cells in row r (0 at the top).
func (m *Matrix) Likelihood(r int) int { return MatrixSize - r }

// BandTo is the highest score in band i.
func (m *Matrix) BandTo(i int) int {
	if i == 0 {
		return MatrixSize * MatrixSize
	}
	return m.Bands[i-1].From - 1
}

// BandRange is band i's scores in words: "score 15 to 25".
func (m *Matrix) BandRange(i int) string {
	return "score " + strconv.Itoa(m.Bands[i].From) + " to " + strconv.Itoa(m.BandTo(i))
}

// Alt describes the matrix in words, for those who cannot see it: its
// axes, then each band's risks with their likelihood and impact.
func (m *Matrix) Alt() string {
	var b strings.Builder
	b.WriteString("Risk matrix of ")
	b.WriteString(plural(m.Risks, "risk"))
	b.WriteString(" by likelihood (1 Rare to 5 Almost certain) and impact (1 Negligible to 5 Severe).")
	for i, band := range m.Bands {
		var places []string
		n := 0
		for r := range m.Cells {
			for c, cell := range m.Cells[r] {
				if cell.Band == i && len(cell.Refs) > 0 {
					places = append(places, fmt.Sprintf("%s (likelihood %d, impact %d)", strings.Join(cell.Refs, ", "), m.Likelihood(r), c+1))
					n += len(cell.Refs)
				}
			}
		}
		fmt.Fprintf(&b, " %s (%s): ", band.Name, m.BandRange(i))
		if n == 0 {
			b.WriteString("none.")
			continue
		}
		b.WriteString(plural(n, "risk"))
		b.WriteString(", ")
		b.WriteString(strings.Join(places, "; "))
		b.WriteString(".")
	}
	return b.String()
}

func plural(n int, what string) string {
	if n == 1 {
		return "1 " + what
	}
	return strconv.Itoa(n) + " " + what + "s"
}

// parseMatrix reads a risk-matrix fenced block's lines.
func parseMatrix(lines []string) (*Matrix, error) {
	m := &Matrix{}
	var places [][3]string
	for i, line := range lines {
		if strings.TrimSpace(line) == "" {
			continue
		}
		f := strings.SplitN(line, " ", 4)
		switch {
		case f[0] == "band" && len(f) >= 3:
			from, err := strconv.Atoi(f[1])
			if err != nil || from < 1 || (len(m.Bands) > 0 && from >= m.Bands[len(m.Bands)-1].From) {
				return nil, fmt.Errorf("risk matrix line %d: bad band %q", i+1, line)
			}
			m.Bands = append(m.Bands, Band{Name: strings.Join(f[2:], " "), From: from})
		case f[0] == "risk" && len(f) == 4:
			places = append(places, [3]string{f[1], f[2], string(appendUnescaped(nil, []byte(f[3])))})
		default:
			return nil, fmt.Errorf("risk matrix line %d: %q is neither a band nor a risk", i+1, line)
		}
	}
	if len(m.Bands) == 0 || m.Bands[len(m.Bands)-1].From != 1 {
		return nil, fmt.Errorf("risk matrix: its bands must run down to a score of 1")
	}
	return m, m.place(places)
}

// place puts each risk in its cell and sets every cell's band.
func (m *Matrix) place(places [][3]string) error {
	for _, p := range places {
		l, err1 := strconv.Atoi(p[0])
		im, err2 := strconv.Atoi(p[1])
		if err1 != nil || err2 != nil || l < 1 || l > MatrixSize || im < 1 || im > MatrixSize {
			return fmt.Errorf("risk matrix: risk %q has likelihood %q and impact %q, not 1 to %d", p[2], p[0], p[1], MatrixSize)
		}
		cell := &m.Cells[MatrixSize-l][im-1]
		cell.Refs = append(cell.Refs, p[2])
		m.Risks++
	}
	for r := range m.Cells {
		for c := range m.Cells[r] {
			score := m.Likelihood(r) * (c + 1)
			for i, band := range m.Bands {
				if score >= band.From {
					m.Cells[r][c].Band = i
					break
				}
			}
		}
	}
	return nil
}
