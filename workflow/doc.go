// Package workflow holds what the council's users do with partnerdocs, once,
// for every front end: the JSON API, the command line and the forms call the
// same functions and repeat none of their logic.
//
// A Service creates and revises partnerships (each revision assessed by the
// protocol's rules), renders documents, generates and stores drafts, takes
// them through legal review (submit, approve, return), builds the annual CMT
// workbook and imports its return. Who may do each is one table, by Action;
// every use case checks it, whichever front end called.
//
// workflow imports partnership and the generators, and knows the register
// only through the Register interface (package store implements it), so it
// never links a database driver.
package workflow
