package docx

import "partnerdocs/generator/outline"

// placeholder finds the first placeholder in text (see
// outline.Placeholder): the Word copy highlights it, so Legal finds what
// is left to settle; the words say it too, so nothing is carried by colour
// alone.
func placeholder(text string) (start, end int) { return outline.Placeholder(text) }
