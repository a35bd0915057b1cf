package api

import (
	"bytes"
	"encoding/base64"
	"encoding/hex"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"net/http"
	"strconv"
	"strings"

	"github.com/labstack/echo/v5"

	"partnerdocs/partnership"
	"partnerdocs/workflow"
)

// generateRequest is the body of POST /api/v1/partnerships/:ref/documents.
type generateRequest struct {
	Kind   string `json:"kind"`
	Format string `json:"format"`
}

// generatePartnershipDocument answers POST
// /api/v1/partnerships/:ref/documents: the document is generated from the
// partnership's current revision, as a draft (with the DRAFT mark), and
// stored as the next version of its kind.
func (s *Server) generatePartnershipDocument(c *echo.Context) error {
	actor, ref, err := actorAndRef(c)
	if err != nil {
		return err
	}
	var body generateRequest
	if err := decodeSmallBody(c, &body, false); err != nil {
		return err
	}
	stored, err := s.flow.GenerateDocument(c.Request().Context(), actor, ref, body.Kind, workflow.Format(body.Format))
	if err != nil {
		return err
	}
	c.Response().Header().Set(echo.HeaderLocation, documentPath(stored.ID))
	return sendJSON(c, http.StatusCreated, stored)
}

// decodeSmallBody decodes a small JSON object strictly: unknown fields,
// trailing data and other media types are refused. An empty body is the
// zero value when optional.
func decodeSmallBody(c *echo.Context, v any, optional bool) error {
	data, err := io.ReadAll(c.Request().Body)
	var tooBig *http.MaxBytesError
	switch {
	case errors.As(err, &tooBig):
		return errTooLarge()
	case err != nil:
		return partnership.NewError(partnership.EMalformed, "The request body could not be read to the end.")
	case optional && len(bytes.TrimSpace(data)) == 0:
		return nil
	}
	if err := requireJSON(c.Request().Header.Get(echo.HeaderContentType)); err != nil {
		return err
	}
	dec := json.NewDecoder(bytes.NewReader(data))
	dec.DisallowUnknownFields()
	if err := dec.Decode(v); err != nil {
		return partnership.NewError(partnership.EMalformed, "The body is not the JSON object expected: "+jsonProblem(err))
	}
	if _, err := dec.Token(); err != io.EOF {
		return partnership.NewError(partnership.EMalformed, "The body has more after its JSON object.")
	}
	return nil
}

// jsonProblem says what encoding/json found wrong, without echoing input.
func jsonProblem(err error) string {
	var syntax *json.SyntaxError
	var typ *json.UnmarshalTypeError
	switch {
	case errors.As(err, &syntax):
		return fmt.Sprintf("invalid JSON at byte %d.", syntax.Offset)
	case errors.As(err, &typ):
		return fmt.Sprintf("%s must be %s.", cmpOr(typ.Field, "the body"), typ.Type.Kind())
	case strings.HasPrefix(err.Error(), "json: unknown field "):
		return safeName(strings.TrimPrefix(err.Error(), "json: unknown field ")) + " is not a field."
	case errors.Is(err, io.EOF), errors.Is(err, io.ErrUnexpectedEOF):
		return "it ends too soon."
	}
	return "it could not be decoded."
}

func cmpOr(a, b string) string {
	if a != "" {
		return a
	}
	return b
}

// listPartnershipDocuments answers GET /api/v1/partnerships/:ref/documents:
// every version of every kind, newest first, without the bytes.
func (s *Server) listPartnershipDocuments(c *echo.Context) error {
	actor, ref, err := actorAndRef(c)
	if err != nil {
		return err
	}
	docs, err := s.flow.Documents(c.Request().Context(), actor, ref)
	if err != nil {
		return err
	}
	return sendJSON(c, http.StatusOK, listOf(docs))
}

// showDocument answers GET /api/v1/documents/:id with the stored bytes.
// ETag, Digest and Repr-Digest carry their SHA-256, so a client can check
// that what it holds is exactly what was reviewed.
func (s *Server) showDocument(c *echo.Context) error {
	actor, err := actorOf(c)
	if err != nil {
		return err
	}
	id, err := documentID(c)
	if err != nil {
		return err
	}
	d, err := s.flow.Document(c.Request().Context(), actor, id)
	if err != nil {
		return err
	}
	if sum, err := hex.DecodeString(d.SHA256); err == nil {
		b64 := base64.StdEncoding.EncodeToString(sum)
		c.Response().Header().Set("Digest", "sha-256="+b64)           // RFC 3230
		c.Response().Header().Set("Repr-Digest", "sha-256=:"+b64+":") // RFC 9530
	}
	name := documentFilename(d.Ref, d.Kind+"-v"+strconv.Itoa(d.Version)+approvedSuffix(d), workflow.Format(d.Format))
	return sendBytes(c, workflow.Format(d.Format), d.Bytes, d.SHA256, name)
}

func approvedSuffix(d *partnership.Document) string {
	if d.Status == partnership.DocumentApproved {
		return "-approved"
	}
	return ""
}

// documentID is the :id of the address: a document's number.
func documentID(c *echo.Context) (int64, error) {
	return positiveParam(c, "id")
}

func documentPath(id int64) string { return "/api/v1/documents/" + strconv.FormatInt(id, 10) }
