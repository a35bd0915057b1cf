package partnership

// The contract's limits on text, for code that must refuse a value before
// it is decoded whole (the CMT return reads each cell against them).
const (
	MaxNameChars = maxNameChars // a partnership's name, in characters
	MaxTextChars = maxTextChars // any other text field, in characters
)
