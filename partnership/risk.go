package partnership

// The bands of a risk's score (likelihood times impact, 1 to 25) that the
// risk registers print: High from RiskHighFrom, Medium from RiskMediumFrom,
// Low below.
const (
	RiskHighFrom   = 15
	RiskMediumFrom = 6
)

// Score is the risk's likelihood times its impact, 1 to 25 (§4(b)).
func (r Risk) Score() int { return r.Likelihood * r.Impact }

// Rating is the band of the risk's score: "High", "Medium" or "Low".
func (r Risk) Rating() string { return RiskRating(r.Score()) }

// RiskRating is the band of a score: "High", "Medium" or "Low".
func RiskRating(score int) string {
	switch {
	case score >= RiskHighFrom:
		return "High"
	case score >= RiskMediumFrom:
		return "Medium"
	}
	return "Low"
}
