package api

import (
	"context"
	"errors"
	"time"

	"partnerdocs/partnership"
	"partnerdocs/workflow"
)

// meteredRegister times every call the API makes to the register and counts
// the errors by their code, from outside: store/ knows nothing of metrics.
// The operation label is the method's name. A method added to Register
// later passes straight through the embedded interface, uncounted, until it
// is given a line here.
type meteredRegister struct {
	workflow.Register
	m *metrics
}

// observe records one call that started at start and ended with *err.
func (r meteredRegister) observe(operation string, start time.Time, err *error) {
	r.m.registerDuration.WithLabelValues(operation).Observe(time.Since(start).Seconds())
	if *err != nil {
		r.m.registerErrors.WithLabelValues(operation, errorCodeLabel(*err)).Inc()
	}
}

func (r meteredRegister) CreatePartnership(ctx context.Context, p *partnership.Partnership, a partnership.Assessment, by partnership.Actor) (_ *partnership.Revision, err error) {
	defer r.observe("CreatePartnership", time.Now(), &err)
	return r.Register.CreatePartnership(ctx, p, a, by)
}

func (r meteredRegister) UpdatePartnership(ctx context.Context, ref string, base int, p *partnership.Partnership, a partnership.Assessment, by partnership.Actor) (_ *partnership.Revision, err error) {
	defer r.observe("UpdatePartnership", time.Now(), &err)
	return r.Register.UpdatePartnership(ctx, ref, base, p, a, by)
}

func (r meteredRegister) Partnership(ctx context.Context, ref string) (_ *partnership.Revision, err error) {
	defer r.observe("Partnership", time.Now(), &err)
	return r.Register.Partnership(ctx, ref)
}

func (r meteredRegister) PartnershipRevision(ctx context.Context, ref string, n int) (_ *partnership.Revision, err error) {
	defer r.observe("PartnershipRevision", time.Now(), &err)
	return r.Register.PartnershipRevision(ctx, ref, n)
}

func (r meteredRegister) Revisions(ctx context.Context, ref string) (_ []partnership.Revision, err error) {
	defer r.observe("Revisions", time.Now(), &err)
	return r.Register.Revisions(ctx, ref)
}

func (r meteredRegister) ListPartnerships(ctx context.Context, filter partnership.PartnershipFilter) (_ []partnership.PartnershipSummary, _ string, err error) {
	defer r.observe("ListPartnerships", time.Now(), &err)
	return r.Register.ListPartnerships(ctx, filter)
}

func (r meteredRegister) CountPartnerships(ctx context.Context) (_ []partnership.PartnershipCount, err error) {
	defer r.observe("CountPartnerships", time.Now(), &err)
	return r.Register.CountPartnerships(ctx)
}

func (r meteredRegister) CurrentRevisions(ctx context.Context) (_ []partnership.Revision, err error) {
	defer r.observe("CurrentRevisions", time.Now(), &err)
	return r.Register.CurrentRevisions(ctx)
}

// EachCurrentRevision's time includes fn's, since the rows stream to fn
// (the workbook being written) as they are read; an error of fn's own is
// not the register's, so it is not counted as one.
func (r meteredRegister) EachCurrentRevision(ctx context.Context, fn func(*partnership.Revision) error) error {
	start := time.Now()
	var fnErr error
	err := r.Register.EachCurrentRevision(ctx, func(rev *partnership.Revision) error {
		fnErr = fn(rev)
		return fnErr
	})
	registerErr := err
	if fnErr != nil && errors.Is(err, fnErr) {
		registerErr = nil
	}
	r.observe("EachCurrentRevision", start, &registerErr)
	return err
}

// ReviseAll's time includes revise's and done's (the return being checked
// and applied); their own errors (a refused return) are not the register's.
func (r meteredRegister) ReviseAll(ctx context.Context, revise func(cur *partnership.Revision) (*partnership.Partnership, partnership.Assessment, error), done func() error, by partnership.Actor) ([]partnership.Revision, error) {
	start := time.Now()
	var callerErr error
	revs, err := r.Register.ReviseAll(ctx, func(cur *partnership.Revision) (*partnership.Partnership, partnership.Assessment, error) {
		p, a, err := revise(cur)
		callerErr = err
		return p, a, err
	}, func() error {
		callerErr = done()
		return callerErr
	}, by)
	registerErr := err
	if callerErr != nil && errors.Is(err, callerErr) {
		registerErr = nil
	}
	r.observe("ReviseAll", start, &registerErr)
	return revs, err
}

func (r meteredRegister) AddDocument(ctx context.Context, d *partnership.Document, by partnership.Actor) (_ *partnership.Document, err error) {
	defer r.observe("AddDocument", time.Now(), &err)
	return r.Register.AddDocument(ctx, d, by)
}

func (r meteredRegister) Document(ctx context.Context, id int64) (_ *partnership.Document, err error) {
	defer r.observe("Document", time.Now(), &err)
	return r.Register.Document(ctx, id)
}

func (r meteredRegister) Documents(ctx context.Context, ref string) (_ []partnership.Document, err error) {
	defer r.observe("Documents", time.Now(), &err)
	return r.Register.Documents(ctx, ref)
}

func (r meteredRegister) Review(ctx context.Context, id int64, step partnership.ReviewEvent, approved *partnership.Document, by partnership.Actor) (_ *partnership.Document, err error) {
	defer r.observe("Review", time.Now(), &err)
	return r.Register.Review(ctx, id, step, approved, by)
}

func (r meteredRegister) ReviewQueue(ctx context.Context) (_ []partnership.Document, err error) {
	defer r.observe("ReviewQueue", time.Now(), &err)
	return r.Register.ReviewQueue(ctx)
}

func (r meteredRegister) Audit(ctx context.Context, before int64, limit int) (_ []partnership.AuditEntry, err error) {
	defer r.observe("Audit", time.Now(), &err)
	return r.Register.Audit(ctx, before, limit)
}

func (r meteredRegister) CreateToken(ctx context.Context, t *partnership.Token, by partnership.Actor) (_ *partnership.Token, err error) {
	defer r.observe("CreateToken", time.Now(), &err)
	return r.Register.CreateToken(ctx, t, by)
}

func (r meteredRegister) RevokeToken(ctx context.Context, name string, by partnership.Actor) (err error) {
	defer r.observe("RevokeToken", time.Now(), &err)
	return r.Register.RevokeToken(ctx, name, by)
}

func (r meteredRegister) TokenByHash(ctx context.Context, hash []byte) (_ *partnership.Token, err error) {
	defer r.observe("TokenByHash", time.Now(), &err)
	return r.Register.TokenByHash(ctx, hash)
}

func (r meteredRegister) Ping(ctx context.Context) (err error) {
	defer r.observe("Ping", time.Now(), &err)
	return r.Register.Ping(ctx)
}

func (r meteredRegister) CheckWritable(ctx context.Context) (err error) {
	defer r.observe("CheckWritable", time.Now(), &err)
	return r.Register.CheckWritable(ctx)
}
