package workflow

import "partnerdocs/generator"

// The generator's request and answer types, named here so that front ends
// need import nothing but workflow and partnership.
type (
	// Format is a document's output format: FormatPDF, FormatHTML or
	// FormatDOCX.
	Format = generator.Format
	// RenderRequest asks for one document.
	RenderRequest = generator.Request
	// Rendered is a rendered document and what is recorded about it.
	Rendered = generator.Document
)

// Output formats.
const (
	FormatPDF  = generator.FormatPDF
	FormatHTML = generator.FormatHTML
	FormatDOCX = generator.FormatDOCX
)

// FormatProblem is what a format that is not one of the three gets.
const FormatProblem = `Must be "pdf", "html" or "docx"`
