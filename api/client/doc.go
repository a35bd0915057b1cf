// Package client is a Go client for the partnerdocs API, generated from
// the OpenAPI document (../openapi.json) by oapi-codegen with its default
// settings, the version pinned as a tool in go.mod. It is what an intranet
// system written in Go would generate for itself: the API's tests drive it
// against the server to show the document and the server agree.
//
// After changing the OpenAPI document, regenerate with
//
//	go generate ./api/client
//
// (.ci/run fails when the committed client is stale).
package client

//go:generate go tool oapi-codegen -config oapi-codegen.yaml ../openapi.json
