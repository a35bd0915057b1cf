package web

import (
	"bytes"
	"compress/gzip"
	"encoding/base64"
	"encoding/json"
	"errors"
	"io"
	"strings"

	"partnerdocs/partnership"
)

// encodeDraft is the partnership as the form's hidden field carries it:
// its JSON, gzipped, in unpadded URL-safe base64. Plain JSON in an HTML
// attribute is escaped quote by quote (&#34;), and took a page of eight
// risks and five targets to 73 KB, against the forms' 50 KB target; so
// compressed it is about a third of the JSON's size.
func encodeDraft(p *partnership.Partnership) string {
	var b bytes.Buffer
	zw := gzip.NewWriter(&b)
	_ = json.NewEncoder(zw).Encode(p) // a Partnership always encodes, into memory
	_ = zw.Close()
	return base64.RawURLEncoding.EncodeToString(b.Bytes())
}

// errDraftTooLarge is a draft that unpacks past the contract's body limit.
var errDraftTooLarge = errors.New("the draft unpacks to more than the contract allows")

// decodeDraft reads a draft encodeDraft made into p. It never unpacks
// more than the contract's own limit on a partnership, so a forged field
// cannot make the server inflate gigabytes.
func decodeDraft(s string, p *partnership.Partnership) error {
	zr, err := gzip.NewReader(base64.NewDecoder(base64.RawURLEncoding, strings.NewReader(s)))
	if err != nil {
		return err
	}
	data, err := io.ReadAll(io.LimitReader(zr, partnership.MaxBodyBytes+1))
	if err != nil {
		return err
	}
	if len(data) > partnership.MaxBodyBytes {
		return errDraftTooLarge
	}
	return json.Unmarshal(data, p)
}
