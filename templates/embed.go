package templates

import (
	"embed"
	"io/fs"
)

// files holds every kind's templates. The pattern names the files one level
// down so that the Go sources of this package are not embedded.
//
//go:embed */*.md.tmpl
var files embed.FS

// Embedded returns the templates built into the binary, rooted so that the
// agreement's main file is "agreement/document.md.tmpl".
func Embedded() fs.FS { return files }
