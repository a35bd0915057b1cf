package generator

import "partnerdocs/partnership"

// instrumentWarning warns when the kind rendered does not fit the legal
// instrument recorded for the partnership (issue 12, point 2): a
// memorandum of understanding, which binds nobody, for a partnership
// recorded as a binding agreement, a joint committee or an incorporated
// body; a binding agreement for one recorded as a memorandum, terms of
// reference or an informal arrangement. The document still renders (the
// officer may be correcting the record); the warning goes with it and into
// its drafting notes.
func instrumentWarning(kind string, li partnership.LegalInstrument) []Warning {
	var msg string
	switch {
	case kind == "mou" && (li == partnership.LegalInstrumentBindingAgreement ||
		li == partnership.LegalInstrumentJointCommittee || li == partnership.LegalInstrumentIncorporatedEntity):
		msg = "This is a memorandum of understanding, which is not legally binding, but the partnership's legal instrument is recorded as " +
			withArticle(li.Text()) + ". Use the documents that instrument needs, or correct the recorded legal instrument."
	case kind == "agreement" && (li == partnership.LegalInstrumentMou || li == partnership.LegalInstrumentMouPartBinding ||
		li == partnership.LegalInstrumentTermsOfReference || li == partnership.LegalInstrumentInformal):
		msg = "This is a legally binding partnership agreement, but the partnership's legal instrument is recorded as " +
			withArticle(li.Text()) + ", which is not (or not wholly) binding. Use the memorandum of understanding, or correct the recorded legal instrument."
	default:
		return nil
	}
	return []Warning{{Path: "legal_instrument", Message: msg}}
}

// withArticle puts "a" or "an" before a singular noun phrase; "terms of
// reference" takes none.
func withArticle(s string) string {
	switch {
	case s == "" || s == "terms of reference":
		return s
	case s[0] == 'a' || s[0] == 'e' || s[0] == 'i' || s[0] == 'o' || s[0] == 'u':
		return "an " + s
	}
	return "a " + s
}
