package api_test

import (
	"context"
	"testing"

	"github.com/getkin/kin-openapi/openapi3"
)

// The OpenAPI document passes a validator that is not ours: kin-openapi
// loads it, resolves every $ref and checks it against OpenAPI 3 (paths
// that differ only in their parameters' names, operation ids, schemas,
// examples against their schemas). The handler checks in openapi_test.go
// compare it with the server; this one holds it to the specification.
func TestOpenAPIValidatesWithKinOpenAPI(t *testing.T) {
	loader := openapi3.NewLoader()
	doc, err := loader.LoadFromFile("openapi.json")
	if err != nil {
		t.Fatalf("kin-openapi cannot load the document: %v", err)
	}
	if err := doc.Validate(context.Background(), openapi3.EnableExamplesValidation()); err != nil {
		t.Fatalf("kin-openapi finds the document invalid: %v", err)
	}
}
