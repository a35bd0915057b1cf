package pdf

import (
	"bytes"
	"encoding/xml"
	"time"

	"partnerdocs/generator/outline"
)

// The Info dictionary's Creator and Producer, and the XMP's.
const (
	creator  = "partnerdocs"
	producer = "partnerdocs with fpdf v0.12.0"
)

// xmpMetadata is the document's XMP metadata stream, which PDF/UA asks
// for beside the Info dictionary: the same title, author, subject,
// keywords, tools and dates, and the document's language. It claims no
// conformance (no pdfuaid entry): nothing here validates the file against
// PDF/UA. Every value is escaped, since the title and subject hold the
// partnership's name as the user typed it.
func xmpMetadata(m outline.Meta) []byte {
	var b bytes.Buffer
	b.WriteString("<?xpacket begin=\"\uFEFF\" id=\"W5M0MpCehiHzreSzNTczkc9d\"?>\n" +
		"<x:xmpmeta xmlns:x=\"adobe:ns:meta/\">\n" +
		"<rdf:RDF xmlns:rdf=\"http://www.w3.org/1999/02/22-rdf-syntax-ns#\">\n" +
		"<rdf:Description rdf:about=\"\" xmlns:dc=\"http://purl.org/dc/elements/1.1/\"" +
		" xmlns:xmp=\"http://ns.adobe.com/xap/1.0/\" xmlns:pdf=\"http://ns.adobe.com/pdf/1.3/\">\n" +
		"<dc:format>application/pdf</dc:format>\n")
	element(&b, "dc:title", "<rdf:Alt><rdf:li xml:lang=\"x-default\">", m.DocumentTitle(), "</rdf:li></rdf:Alt>")
	element(&b, "dc:creator", "<rdf:Seq><rdf:li>", m.Council, "</rdf:li></rdf:Seq>")
	element(&b, "dc:description", "<rdf:Alt><rdf:li xml:lang=\"x-default\">", m.Subject, "</rdf:li></rdf:Alt>")
	element(&b, "dc:language", "<rdf:Bag><rdf:li>", "en-GB", "</rdf:li></rdf:Bag>")
	element(&b, "pdf:Keywords", "", m.Keywords, "")
	element(&b, "pdf:Producer", "", producer, "")
	element(&b, "xmp:CreatorTool", "", creator, "")
	at := m.At.UTC().Format(time.RFC3339)
	element(&b, "xmp:CreateDate", "", at, "")
	element(&b, "xmp:ModifyDate", "", at, "")
	b.WriteString("</rdf:Description>\n</rdf:RDF>\n</x:xmpmeta>\n<?xpacket end=\"r\"?>")
	return b.Bytes()
}

// element writes <name>open value close</name>, the value escaped.
func element(b *bytes.Buffer, name, open, value, close string) {
	b.WriteString("<" + name + ">" + open)
	xml.EscapeText(b, []byte(value)) // writes to a bytes.Buffer do not fail
	b.WriteString(close + "</" + name + ">\n")
}
