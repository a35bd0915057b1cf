package web

import (
	"strings"
	"testing"
)

func TestParsePounds(t *testing.T) {
	tests := []struct {
		typed string
		pence int64
		ok    bool
	}{
		{"2500", 250000, true},
		{"£2,500.50", 250050, true},
		{" £ 250 000 ", 25000000, true},
		{"0.29", 29, true}, // through a float64 this is 28
		{"1.5", 150, true},
		{"-3", -300, true},
		{"9999999999999999.99", 999999999999999999, true},
		{"10000000000000000", 0, false}, // past an int64 of pence
		{"1.234", 0, false},
		{"1.", 0, false},
		{"a quarter of a million", 0, false},
		{"", 0, false},
		{"1e6", 0, false},
	}
	for _, tt := range tests {
		pence, ok := parsePounds(tt.typed)
		if pence != tt.pence || ok != tt.ok {
			t.Errorf("parsePounds(%q) = %d, %v; want %d, %v", tt.typed, pence, ok, tt.pence, tt.ok)
		}
	}
}

func TestPoundsWordsAndInput(t *testing.T) {
	tests := []struct {
		pence        int64
		input, words string
	}{
		{25000050, "250000.50", "£250,000.50"},
		{100000000, "1000000", "£1,000,000"},
		{5, "0.05", "£0.05"},
		{99900, "999", "£999"},
		{-123456, "-1234.56", "-£1,234.56"},
	}
	for _, tt := range tests {
		if got := poundsInput(tt.pence); got != tt.input {
			t.Errorf("poundsInput(%d) = %q, want %q", tt.pence, got, tt.input)
		}
		if got := poundsWords(tt.pence); got != tt.words {
			t.Errorf("poundsWords(%d) = %q, want %q", tt.pence, got, tt.words)
		}
		if back, ok := parsePounds(poundsInput(tt.pence)); !ok || back != tt.pence {
			t.Errorf("%d pence shown as %q reads back as %d", tt.pence, poundsInput(tt.pence), back)
		}
	}
}

// TestPlainMessages: a contract problem on the form names fields by their
// labels and choices by their words, and leaves the rest as written.
func TestPlainMessages(t *testing.T) {
	f := newContractForm()
	tests := []struct{ in, want string }{
		{"Give a recognised interest only with the lawful basis recognised_legitimate_interests (this partner's own or, without one, information_sharing.lawful_basis)",
			"Give a recognised interest only with the lawful basis recognised legitimate interests (this partner's own or, without one, “Information sharing: The council's lawful basis for sharing (UK GDPR Article 6)”)"},
		{"An officer's consent comes from the Chief Executive: use chief_executive", "An officer's consent comes from the Chief Executive: use the Chief Executive"},
		{"Only one partner can be the lead, and partners[0] already is", "Only one partner can be the lead, and “Partner 1” already is"},
		{"Enter an email address in the correct format, like name@example.gov.uk", "Enter an email address in the correct format, like name@example.gov.uk"},
	}
	for _, tt := range tests {
		if got := f.plain(tt.in); got != tt.want {
			t.Errorf("plain(%q)\n = %q\nwant %q", tt.in, got, tt.want)
		}
	}
	for _, name := range []string{"recognised_legitimate_interests", "public_body_request", "legitimate_interests"} {
		if w := f.words[name]; w == "" || strings.Contains(w, "_") {
			t.Errorf("the words for %s are %q", name, w)
		}
	}
}

// TestPathWords: a field in a change or a message is named as its page
// labels it, in the item it is in.
func TestPathWords(t *testing.T) {
	for path, want := range map[string]string{
		"partners[2].comms_contact.email":  "Partner 3: Communications contact: Email",
		"partners[0].lawful_basis":         "Partner 1: This partner's lawful basis for sharing (UK GDPR Article 6)",
		"information_sharing.lawful_basis": "Information sharing: The council's lawful basis for sharing (UK GDPR Article 6)",
		"contributions[1].amount_pence":    "Contribution 2: Amount",
		"liability_cap_pence":              "Cap on each partner's liability",
		"targets[0].results[1].actual":     "Target 1: Result 2: Actual",
		"evaluation.legal_consulted_on":    "The evaluating officer's evidence: When Legal was consulted",
	} {
		if got := pathWords(path); got != want {
			t.Errorf("pathWords(%q) = %q, want %q", path, got, want)
		}
	}
}
