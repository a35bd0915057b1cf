package outline

// ShareWidth shares total between a table's columns, the rule every
// renderer follows so that a table looks alike in each: when every
// column's natural width (its text on one line) fits, in proportion to it;
// otherwise each gets at least its least width (its longest word) and the
// rest goes where the text is longest. The widths are in whatever unit the
// renderer measures text in.
func ShareWidth(natural, least []float64, total float64) []float64 {
	sumNat, sumLeast := sum(natural), sum(least)
	out := make([]float64, len(natural))
	for i := range out {
		switch {
		case sumNat <= total:
			out[i] = natural[i] * total / sumNat
		case sumLeast <= total:
			out[i] = least[i] + (total-sumLeast)*(natural[i]-least[i])/(sumNat-sumLeast)
		default:
			out[i] = least[i] * total / sumLeast
		}
	}
	return out
}

func sum(xs []float64) float64 {
	t := 0.0
	for _, x := range xs {
		t += x
	}
	return t
}
