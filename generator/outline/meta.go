package outline

import "time"

// Meta is what every copy prints besides the body (the running header and
// footer, the DRAFT mark) and records in its document properties.
type Meta struct {
	Title    string // the document's title, e.g. "Partnership Agreement"
	Subject  string // the partnership's name
	Keywords string
	Council  string // the council's name: the author
	Ref      string // the partnership's reference
	Footer   string // the template's id and version
	Draft    bool   // not yet approved: the copy says so on every page
	At       time.Time
}

// DocumentTitle is the title a reader's tab, a search result and a screen
// reader announce: the kind of document and the partnership's name,
// "Partnership Agreement — Northamptonshire Waste Partnership", so that
// two documents can be told apart ("Partnership Agreement" alone was every
// agreement's title).
func (m Meta) DocumentTitle() string {
	if m.Subject == "" {
		return m.Title
	}
	return m.Title + " — " + m.Subject
}
