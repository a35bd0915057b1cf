package partnership

import (
	"bytes"
	"encoding/json"
	"errors"
	"io"
	"os"
	"path/filepath"
	"reflect"
	"strconv"
	"strings"
	"testing"
	"testing/iotest"
)

// validBody is validPartnership as JSON, in the contract's field order.
func validBody(t testing.TB) []byte {
	t.Helper()
	b, err := json.Marshal(validPartnership())
	if err != nil {
		t.Fatal(err)
	}
	return b
}

// bodyWith returns validBody changed by edit, which works on the JSON as
// generic maps and lists. Keys come out in alphabetical order.
func bodyWith(t testing.TB, edit func(m map[string]any)) []byte {
	t.Helper()
	var m map[string]any
	if err := json.Unmarshal(validBody(t), &m); err != nil {
		t.Fatal(err)
	}
	edit(m)
	b, err := json.Marshal(m)
	if err != nil {
		t.Fatal(err)
	}
	return b
}

// item returns the i'th object of the list m[key].
func item(m map[string]any, key string, i int) map[string]any {
	return m[key].([]any)[i].(map[string]any)
}

// rawName returns validBody with the partnership's name set to raw, which is
// put between the quotes exactly as given (so it may hold escapes and bytes
// that json.Marshal would change).
func rawName(t testing.TB, raw string) []byte {
	t.Helper()
	body := bodyWith(t, func(m map[string]any) { m["name"] = "@@NAME@@" })
	return bytes.Replace(body, []byte("@@NAME@@"), []byte(raw), 1)
}

func TestDecode(t *testing.T) {
	tests := []struct {
		name    string
		body    []byte
		code    Code   // "" when Decode must succeed
		message string // text the error's message contains
		want    []want // the error's problems
	}{
		{name: "valid", body: validBody(t)},
		{name: "valid with byte order mark", body: append([]byte(byteOrderMark), validBody(t)...)},
		{name: "valid with whitespace after", body: append(validBody(t), " \n\t\r\n"...)},
		{name: "null means not given", body: bodyWith(t, func(m map[string]any) {
			m["objectives"], m["significance"], m["risks"] = nil, nil, nil
			item(item(m, "targets", 0), "results", 0)["actual"] = nil
		})},

		{name: "malformed: trailing comma", body: []byte(`{"name": "x",}`), code: EMalformed,
			message: "The body is not valid JSON at offset 13 (line 1, column 14): invalid character '}'"},
		{name: "malformed: missing comma on line 3", body: []byte("{\n  \"name\": \"x\"\n  \"purpose\": \"y\"\n}"), code: EMalformed,
			message: "(line 3, column 3)"},
		{name: "malformed: bad literal", body: []byte(`{"name": tru}`), code: EMalformed,
			message: "at offset 12 (line 1, column 13): invalid character '}' in literal true"},
		{name: "malformed: bad escape", body: []byte("{\n\"name\": \"a\\qb\"}"), code: EMalformed,
			message: "(line 2, column 12): invalid character 'q' in string escape code"},
		{name: "malformed: percent sign", body: []byte(`{"name": %}`), code: EMalformed, message: "invalid character '%'"},
		{name: "malformed: cut short", body: []byte(`{"name": "x", "partners": [`), code: EMalformed,
			message: "The body ends before its JSON is complete, at offset 27 (line 1, column 28)"},
		{name: "malformed: raw control character in a string", body: rawName(t, "a\x07b"), code: EMalformed,
			message: "invalid character '\\a' in string literal"},
		{name: "empty body", body: nil, code: EMalformed, message: "The body is empty"},
		{name: "blank body", body: []byte(" \n "), code: EMalformed, message: "The body is empty"},
		{name: "a list, not an object", body: []byte(`[{"name": "x"}]`), code: EMalformed, message: "must be a JSON object"},
		{name: "null, not an object", body: []byte(`null`), code: EMalformed, message: "must be a JSON object"},

		{name: "unknown top-level field", body: bodyWith(t, func(m map[string]any) { m["colour"] = "green" }),
			code: EMalformed, message: "The body does not fit the partnership contract (1 problem)",
			want: []want{{"colour", `There is no field called "colour" here`}}},
		{name: "unknown field in a partner", body: bodyWith(t, func(m map[string]any) {
			p := item(m, "partners", 1)
			p["nmae"] = p["name"]
			delete(p, "name")
		}), code: EMalformed, want: []want{{"partners[1].nmae", `There is no field called "nmae" here; did you mean "name"?`}}},
		{name: "unknown field two levels down", body: bodyWith(t, func(m map[string]any) {
			item(m, "partners", 0)["comms_contact"].(map[string]any)["mobile"] = "07700 900000"
		}), code: EMalformed, want: []want{{"partners[0].comms_contact.mobile", `no field called "mobile"`}}},
		{name: "field name in the wrong case", body: bodyWith(t, func(m map[string]any) { m["Name"] = m["name"] }),
			code: EMalformed, want: []want{{"Name", `did you mean "name"?`}}},
		{name: "field name that is not an identifier", body: bodyWith(t, func(m map[string]any) {
			m["dates"].(map[string]any)["next review"] = "2027-01-01"
		}), code: EMalformed, want: []want{{`dates["next review"]`, "no field called"}}},
		{name: "field given twice", body: []byte(`{"name": "A", "purpose": "P", "name": "B"}`), code: EMalformed,
			want: []want{{"name", "Is given more than once"}}},

		{name: "wrong type: number for text", body: bodyWith(t, func(m map[string]any) { item(m, "partners", 1)["name"] = 5 }),
			code: EMalformed, want: []want{{"partners[1].name", "Must be text, not a number"}}},
		{name: "wrong type: text for pence", body: bodyWith(t, func(m map[string]any) { item(m, "contributions", 0)["amount_pence"] = "100" }),
			code: EMalformed, want: []want{{"contributions[0].amount_pence", "Must be a whole number, not text"}}},
		{name: "wrong type: fraction for a whole number", body: bodyWith(t, func(m map[string]any) { item(m, "risks", 0)["likelihood"] = 2.5 }),
			code: EMalformed, want: []want{{"risks[0].likelihood", "Must be a whole number (it is 2.5)"}}},
		{name: "wrong type: number too large", body: []byte(`{"governance": {"quorum": 1e30}}`),
			code: EMalformed, want: []want{{"governance.quorum", "Is too large"}}},
		{name: "wrong type: object for a list", body: bodyWith(t, func(m map[string]any) { m["risks"] = map[string]any{} }),
			code: EMalformed, want: []want{{"risks", "Must be a list, not an object"}}},
		{name: "wrong type: list for text", body: bodyWith(t, func(m map[string]any) { m["purpose"] = []any{"a", map[string]any{"b": []any{}}} }),
			code: EMalformed, want: []want{{"purpose", "Must be text, not a list"}}},
		{name: "wrong type: boolean for an object", body: bodyWith(t, func(m map[string]any) { m["significance"] = true }),
			code: EMalformed, want: []want{{"significance", "Must be an object, not true or false"}}},
		{name: "wrong type: text for a boolean", body: bodyWith(t, func(m map[string]any) { item(m, "partners", 0)["is_lead"] = "yes" }),
			code: EMalformed, want: []want{{"partners[0].is_lead", "Must be true or false, not text"}}},
		{name: "every shape problem at once", body: bodyWith(t, func(m map[string]any) {
			m["colour"] = "green"
			item(m, "partners", 1)["name"] = false
			item(m, "targets", 1)["target"] = "50%"
		}), code: EMalformed, message: "(3 problems)", want: []want{
			{"colour", "no field"}, {"partners[1].name", "Must be text"}, {"targets[1].target", "Must be a number, not text"}}},

		{name: "trailing object", body: append(validBody(t), "{}"...), code: EMalformed,
			message: "There is more after the end of the partnership's JSON object"},
		{name: "trailing text", body: []byte("{\"name\": \"N\", \"purpose\": \"P\"}\n x"), code: EMalformed,
			message: "from offset 31 (line 2, column 2)"},

		{name: "invalid UTF-8 in a value", body: rawName(t, "Caf\xe9"), code: EMalformed,
			message: "The body is not valid UTF-8 text: the byte at offset " + offsetOf(rawName(t, "Caf\xe9"), "\xe9")},
		{name: "invalid UTF-8 in a field name", body: []byte("{\"n\xffme\": \"x\"}"), code: EMalformed,
			message: "offset 3 (line 1, column 4)"},
		{name: "lone high surrogate", body: rawName(t, `x\ud800`), code: EMalformed, message: "half of a UTF-16 surrogate pair"},
		{name: "high surrogate then a letter", body: rawName(t, `\ud800\u0041`), code: EMalformed, message: "surrogate"},
		{name: "lone low surrogate", body: rawName(t, `\udc00`), code: EMalformed, message: "surrogate"},
		{name: "surrogate pair", body: rawName(t, `Partnership \ud83d\ude00`)},
		{name: "escaped backslash before u", body: rawName(t, `C:\\ud800`)},

		{name: "missing required fields", body: []byte(`{}`), code: EInvalid, message: "The partnership has 2 problems",
			want: []want{{"name", "Enter the partnership's name"}, {"purpose", "Enter the partnership's purpose"}}},
		{name: "null for required text", body: []byte(`{"name": null, "purpose": "P"}`), code: EInvalid,
			want: []want{{"name", "Enter the partnership's name"}}},
		{name: "blank name", body: []byte(`{"name": " \t ", "purpose": "P"}`), code: EInvalid,
			want: []want{{"name", "Enter the partnership's name"}}},
		{name: "invalid enumeration", body: bodyWith(t, func(m map[string]any) { m["governance"].(map[string]any)["voting_rule"] = "majority" }),
			code: EInvalid, message: "The partnership has 1 problem", want: []want{{"governance.voting_rule", "Must be one of: consensus, simple_majority, unanimity"}}},
		{name: "invalid date", body: bodyWith(t, func(m map[string]any) { m["dates"].(map[string]any)["start"] = "2026-02-30" }),
			code: EInvalid, want: []want{{"dates.start", `"2026-02-30" is not a real date; use YYYY-MM-DD`}}},
		{name: "negative pence", body: bodyWith(t, func(m map[string]any) { item(m, "contributions", 0)["amount_pence"] = -100 }),
			code: EInvalid, want: []want{{"contributions[0].amount_pence", "Must be 0 or more (it is -100)"}}},
		{name: "201-character name", body: rawName(t, strings.Repeat("ŵ", 201)), code: EInvalid,
			want: []want{{"name", "Must be 200 characters or fewer (it is 201)"}}},
		{name: "200-character Welsh name", body: rawName(t, strings.Repeat("ŵ", 200))},
		{name: "200 characters once trimmed", body: rawName(t, "  "+strings.Repeat("a", 200)+" ")},
		{name: "200 characters once composed", body: rawName(t, strings.Repeat("w\u0302", 200))},
		{name: "escaped control character", body: bodyWith(t, func(m map[string]any) { item(m, "partners", 1)["name"] = "Police\u0007" }),
			code: EInvalid, want: []want{{"partners[1].name", "Contains a control character (U+0007) at character 7"}}},
		{name: "escaped noncharacter U+FFFE", body: bodyWith(t, func(m map[string]any) { item(m, "partners", 1)["name"] = "Police\uFFFE" }),
			code: EInvalid, want: []want{{"partners[1].name", "Contains the noncharacter U+FFFE at character 7"}}},
		{name: "raw noncharacter U+FFFF", body: rawName(t, "a\uFFFFb"), code: EInvalid,
			want: []want{{"name", "Contains the noncharacter U+FFFF at character 2"}}},
		{name: "dangling partner reference", body: bodyWith(t, func(m map[string]any) { item(m, "contributions", 1)["partner"] = "kettering" }),
			code: EInvalid, want: []want{{"contributions[1].partner", `"kettering" is not the id of any partner`}}},
		{name: "duplicate partner ids", body: bodyWith(t, func(m map[string]any) { item(m, "partners", 1)["id"] = "corby" }),
			code: EInvalid, want: []want{
				{"partners[1].id", `"corby" is already the id of partners[0]`},
				{"information_sharing.data_items[0].source_partner", `"police" is not the id of any partner`}}},
		{name: "only the first 100 problems are listed", body: bodyWith(t, func(m map[string]any) {
			var partners []any
			for range 150 {
				partners = append(partners, map[string]any{"id": ""})
			}
			m["partners"] = partners
		}), code: EInvalid, message: "The partnership has 452 problems; the first 100 are listed"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			p, err := Decode(bytes.NewReader(tt.body))
			checkDecodeError(t, p, err, tt.code, tt.message)
			var e *Error
			if !errors.As(err, &e) {
				return
			}
			if tt.want != nil || e.Code == EMalformed {
				checkProblems(t, e.Problems, tt.want)
			}
			if len(e.Problems) > 100 {
				t.Errorf("%d problems listed, want at most 100", len(e.Problems))
			}
		})
	}
}

func offsetOf(body []byte, s string) string {
	return strconv.Itoa(bytes.Index(body, []byte(s)))
}

func checkDecodeError(t *testing.T, p *Partnership, err error, code Code, message string) {
	t.Helper()
	if code == "" {
		if err != nil || p == nil {
			t.Fatalf("Decode: %v", err)
		}
		return
	}
	var e *Error
	if !errors.As(err, &e) {
		t.Fatalf("Decode error = %v (%T), want an *Error with code %s", err, err, code)
	}
	if p != nil || e.Code != code || !strings.Contains(e.Message, message) {
		t.Errorf("Decode = %v, %s: %q; want nil, %s: …%s…", p != nil, e.Code, e.Message, code, message)
	}
}

func TestDecodeRoundTrip(t *testing.T) {
	p, err := Decode(bytes.NewReader(validBody(t)))
	if err != nil {
		t.Fatal(err)
	}
	if want := validPartnership(); !reflect.DeepEqual(p, want) {
		t.Errorf("decoded partnership differs from the one encoded:\n got %+v\nwant %+v", p, want)
	}
}

func TestDecodeNormalisesToNFC(t *testing.T) {
	body := bodyWith(t, func(m map[string]any) {
		m["name"] = "Bras\u0326ov and Cymru\u0302 Partnership"
		m["objectives"] = []any{"Help Zoe\u0308 in Bras\u0326ov"}
		item(m, "partners", 1)["name"] = "  Asocia\u0163ia Bras\u0326ov  "
		item(m, "risks", 0)["mitigation"] = "s\u0326"
	})
	body = bytes.Replace(body, []byte("Zoe\u0308"), []byte(`Zoe\u0308`), 1) // one as a JSON escape
	p, err := Decode(bytes.NewReader(body))
	if err != nil {
		t.Fatal(err)
	}
	for _, c := range []struct{ got, want string }{
		{p.Name, "Brașov and Cymrû Partnership"},
		{p.Objectives[0], "Help Zoë in Brașov"},
		{p.Partners[1].Name, "Asociaţia Brașov"},
		{p.Risks[0].Mitigation, "ș"},
	} {
		if c.got != c.want {
			t.Errorf("got %+q, want %+q", c.got, c.want)
		}
	}
}

func TestDecodeSize(t *testing.T) {
	padded := func(n int) []byte {
		body := validBody(t)
		return append(body, bytes.Repeat([]byte(" "), n-len(body))...)
	}
	tests := []struct {
		name string
		r    io.Reader
		code Code
	}{
		{"exactly 1 MiB", bytes.NewReader(padded(MaxBodyBytes)), ""},
		{"1 MiB and a byte", bytes.NewReader(padded(MaxBodyBytes + 1)), ETooLarge},
		{"2 MiB", bytes.NewReader(padded(2 * MaxBodyBytes)), ETooLarge},
		{"2 MiB of one string", strings.NewReader(`{"name": "` + strings.Repeat("a", 2*MaxBodyBytes) + `"}`), ETooLarge},
		{"reader that stops at the limit", io.MultiReader(bytes.NewReader(padded(MaxBodyBytes)),
			iotest.ErrReader(errors.New("http: request body too large"))), ETooLarge},
		{"reader that fails early", io.MultiReader(strings.NewReader(`{"name": `),
			iotest.ErrReader(errors.New("connection reset"))), EMalformed},
		{"nil reader", nil, EMalformed},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			p, err := Decode(tt.r)
			if ErrorCode(err) != tt.code && !(tt.code == "" && err == nil) {
				t.Errorf("Decode error = %v, want code %q", err, tt.code)
			}
			if (err == nil) == (p == nil) {
				t.Errorf("Decode = %v, %v", p, err)
			}
		})
	}
}

func TestDottedToPath(t *testing.T) {
	for in, want := range map[string]string{
		"":                            "",
		"name":                        "name",
		"partners.3.name":             "partners[3].name",
		"targets.0.results.12.actual": "targets[0].results[12].actual",
		"dates.start":                 "dates.start",
	} {
		if got := dottedToPath(in); got != want {
			t.Errorf("dottedToPath(%q) = %q, want %q", in, got, want)
		}
	}
}

// addDecodeSeeds gives a fuzz target bodies good and bad.
func addDecodeSeeds(f *testing.F) {
	f.Add(validBody(f))
	f.Add([]byte(`{}`))
	f.Add([]byte(`{"name": "N", "purpose": "P", "partners": [{"id": "a", "nmae": 1, "type": "police"}]}`))
	f.Add([]byte(`{"name": "Bras\u0326ov", "purpose": "P", "dates": {"start": "2026-02-30"}, "contributions": [{"partner": "x", "amount_pence": -1}]}`))
	f.Add([]byte(`{"name": "\ud800", "targets": [{"results": [{"actual": null}]}]}`))
	f.Add([]byte("{\"name\": \"\xff\"} x"))
	f.Add([]byte(`[{"a": [[[[{}]]]]}]`))
	f.Add([]byte(`{"name": "N", "purpose": "P", "objectives": [], "partners": []}`))
}

func FuzzDecode(f *testing.F) {
	addDecodeSeeds(f)
	f.Fuzz(func(t *testing.T, body []byte) {
		p, err := Decode(bytes.NewReader(body))
		if err != nil {
			checkFuzzError(t, p, err)
			return
		}
		if problems := Validate(p); problems != nil {
			t.Fatalf("Decode accepted a partnership with problems: %v", problems)
		}
		if again, _ := json.Marshal(p); bytes.Contains(again, []byte("\uFFFE")) || bytes.Contains(again, []byte("\uFFFF")) {
			t.Fatalf("Decode accepted a noncharacter the contract refuses: %s", again)
		}
		again, err := json.Marshal(p)
		if err != nil {
			t.Fatal(err)
		}
		q, err := Decode(bytes.NewReader(again))
		if err != nil {
			t.Fatalf("a decoded partnership does not decode again: %v", err)
		}
		// Compared as JSON: an empty list and no list encode the same.
		if twice, _ := json.Marshal(q); !bytes.Equal(again, twice) {
			t.Fatalf("a decoded partnership decodes again differently:\n%s\n%s", again, twice)
		}
	})
}

func checkFuzzError(t *testing.T, p *Partnership, err error) {
	var e *Error
	if p != nil || !errors.As(err, &e) {
		t.Fatalf("Decode = %v, %v (%T)", p, err, err)
	}
	if e.Code != EMalformed && e.Code != EInvalid && e.Code != ETooLarge {
		t.Fatalf("code %q: %v", e.Code, err)
	}
	for _, problem := range e.Problems {
		if problem.Path == "" || problem.Message == "" || !utf8Valid(problem.Path+problem.Message) {
			t.Fatalf("problem %+v", problem)
		}
	}
}

func utf8Valid(s string) bool { return strings.ToValidUTF8(s, "\uFFFD") == s }

// FuzzDecodeAgrees checks that Decode's one-pass unmarshalStrict accepts
// exactly the bodies that unmarshalChecked (the shape check, then
// encoding/json) accepts, and decodes them to the same partnership.
func FuzzDecodeAgrees(f *testing.F) {
	addDecodeSeeds(f)
	for _, body := range []string{
		`{"name": "N", "purpose": "P", "partners": [null, {"signatory": null}], "objectives": [null, ""]}`,
		`{"governance": {"quorum": -0}, "targets": [{"baseline": 1e308, "target": -0.0, "results": [{"actual": 1e-400}]}]}`,
		`{"governance": {"quorum": 1.0}}`,
		`{"governance": {"quorum": 1e2}}`,
		`{"targets": [{"baseline": 1e400}]}`,
		`{"liability_cap_pence": 9223372036854775808}`,
		`{"liability_cap_pence": -9223372036854775808}`,
		`{"n\u0061me": "N", "name": "M"}`,
		`{"name": "N", "Purpose": "P"}`,
		`{"name": "\ud83d\ude00 \u00e9 \/ \u0000"}`,
		` null `,
		`{"mou": {"binding_clauses": []}, "reviews": [{"actions": []}]} `,
		`{"significance": {"override": "", "policy_and_resources": true}} {}`,
	} {
		f.Add([]byte(body))
	}
	files, err := filepath.Glob("../samples/*.json")
	if err != nil || len(files) == 0 {
		f.Fatalf("no samples: %v", err)
	}
	for _, file := range files {
		body, err := os.ReadFile(file)
		if err != nil {
			f.Fatal(err)
		}
		f.Add(body)
	}
	f.Fuzz(func(t *testing.T, body []byte) {
		fast, ok := unmarshalStrict(body)
		slow, err := unmarshalChecked(body)
		if ok != (err == nil) {
			t.Fatalf("unmarshalStrict accepts: %v; unmarshalChecked: %v", ok, err)
		}
		if ok && !reflect.DeepEqual(fast, slow) {
			t.Fatalf("the two decode differently:\n%+v\n%+v", fast, slow)
		}
	})
}
