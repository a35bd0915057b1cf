package main

import (
	"context"
	"errors"
	"flag"
	"fmt"
	"io"
	"log/slog"
	"net"
	"net/http"
	"net/url"
	"strconv"
	"time"

	"partnerdocs/api"
	"partnerdocs/partnership"
	"partnerdocs/store"
	"partnerdocs/web"
	"partnerdocs/workflow"
)

// serveCommand runs the HTTP API and the forms until its context is
// cancelled, then shuts down gracefully: in-flight requests get
// shutdownTimeout to finish.
type serveCommand struct {
	generatorFlags
	registerFlags
	oidcFlags
	addr            string
	shutdownTimeout time.Duration
	maxRenders      int
	renderMemoryMiB int
	renders         *workflow.RenderLimiter // shared by the API and the forms

	stdout    io.Writer // the first run's one-time sign-in address, never the log
	stderr    io.Writer
	listening func(net.Addr)
	srv       *http.Server
	db        *store.DB
	sessions  *workflow.Sessions
	// trustedProxies is --trusted-proxies as given; proxies, as read.
	trustedProxies string
	proxies        []*net.IPNet
	// keepDrafts, when set, has the server prune superseded drafts every
	// pruneInterval; stopPruning ends that, and pruned is closed once it
	// has.
	keepDrafts  keepDuration
	stopPruning context.CancelFunc
	pruned      chan struct{}
}

func (c *serveCommand) flags(fs *flag.FlagSet) {
	fs.StringVar(&c.addr, "addr", "127.0.0.1:8080", "`host:port` to listen on (loopback unless told otherwise)")
	fs.DurationVar(&c.shutdownTimeout, "shutdown-timeout", 10*time.Second, "how long in-flight requests may take to finish on shutdown")
	fs.IntVar(&c.maxRenders, "max-renders", 0, "documents rendered at once; others wait their turn (0: one more than the CPUs)")
	fs.IntVar(&c.renderMemoryMiB, "render-memory", workflow.DefaultRenderMemory>>20, "`MiB` the documents rendered at once may need together; "+
		"a large partnership needs more, so fewer render at once")
	fs.StringVar(&c.trustedProxies, "trusted-proxies", "", "`CIDR,...` of the reverse proxies in front of the server, whose "+
		"X-Forwarded-For names the client (for the limit on failed sign-ins); none: the connection's peer is the client")
	keepDraftsFlag(fs, &c.keepDrafts, "the server prunes older ones every hour (0: keep every draft)")
	c.generatorFlags.flags(fs)
	c.registerFlags.flags(fs)
	c.oidcFlags.flags(fs)
}

func (c *serveCommand) check() error {
	switch {
	case c.shutdownTimeout <= 0:
		return usageErrorf("serve: --shutdown-timeout must be positive")
	case c.maxRenders < 0:
		return usageErrorf("serve: --max-renders must be 0 (automatic) or more")
	case c.renderMemoryMiB < 64:
		return usageErrorf("serve: --render-memory must be at least 64 (MiB), room for the largest document")
	}
	c.renders = workflow.NewRenderLimiter(c.maxRenders, int64(c.renderMemoryMiB)<<20)
	var err error
	if c.proxies, err = workflow.ParseTrustedProxies(c.trustedProxies); err != nil {
		return usageErrorf("serve: --trusted-proxies: %v", err)
	}
	if err := c.oidcFlags.check("serve", c.addr); err != nil {
		return err
	}
	return c.registerFlags.check("serve")
}

func (c *serveCommand) run(ctx context.Context) error {
	log := slog.New(slog.NewJSONHandler(c.stderr, nil))
	srv, err := c.server(ctx, log)
	if err != nil {
		return err
	}
	var lc net.ListenConfig
	ln, err := lc.Listen(ctx, "tcp", c.addr)
	if err != nil {
		return err
	}
	c.startPruning(ctx, log)
	log.Info("listening", "addr", ln.Addr().String())
	if err := c.printFirstRunLink(ctx, ln.Addr()); err != nil {
		ln.Close()
		return err
	}
	if c.listening != nil {
		c.listening(ln.Addr())
	}
	served := make(chan error, 1)
	go func() { served <- srv.Serve(ln) }()
	select {
	case err := <-served:
		return err
	case <-ctx.Done():
	}
	return c.shutdown(log, served)
}

func (c *serveCommand) server(ctx context.Context, log *slog.Logger) (*http.Server, error) {
	provider, err := c.oidcFlags.provider(ctx)
	if err != nil {
		return nil, err
	}
	gen, err := c.newGenerator(ctx, log)
	if err != nil {
		return nil, err
	}
	if c.db, err = c.openRegister(ctx); err != nil {
		return nil, err
	}
	a, err := api.New(api.Config{Generator: gen, Register: c.db, Logger: log, Renders: c.renders,
		TrustedProxies: c.proxies})
	if err != nil {
		return nil, err
	}
	forms, err := c.forms(gen, provider, log)
	if err != nil {
		return nil, err
	}
	c.srv = a.HTTPServer(c.addr)
	c.srv.Handler = byPath(a.Handler(), forms.Handler())
	return c.srv, nil
}

// forms is the browser front end over the same register, signing in with
// provider too when there is one. It shares the API's render limiter, so
// the bound on renders in flight is the process's.
func (c *serveCommand) forms(gen workflow.Generator, provider *web.OIDC, log *slog.Logger) (*web.Server, error) {
	flow, err := workflow.New(gen, c.db, workflow.Options{Renders: c.renders})
	if err != nil {
		return nil, err
	}
	if c.sessions, err = workflow.NewSessions(c.db, flow, workflow.SessionOptions{}); err != nil {
		return nil, err
	}
	return web.New(web.Config{Flow: flow, Sessions: c.sessions, Inbox: c.db, Logger: log, OIDC: provider,
		TrustedProxies: c.proxies})
}

// byPath sends the API's addresses (/api/, and the operations endpoints)
// to the API and everything else to the forms.
func byPath(apiHandler, formsHandler http.Handler) http.Handler {
	mux := http.NewServeMux()
	for _, p := range []string{"/api/", "/healthz", "/readyz", "/metrics"} {
		mux.Handle(p, apiHandler)
	}
	mux.Handle("/", formsHandler)
	return mux
}

// printFirstRunLink prints, when no token is live yet and no identity
// provider is set (people then sign in through it), a one-time address
// that signs an administrator in to the forms: the first run's way in. It
// is printed on standard output, never logged; a new one replaces the last
// at every start until a token exists, and each works once, for a day.
func (c *serveCommand) printFirstRunLink(ctx context.Context, addr net.Addr) error {
	if c.oidcFlags.issuer != "" {
		return nil
	}
	secret, made, err := c.sessions.FirstRunLink(ctx)
	if err != nil || !made {
		return err
	}
	_, err = fmt.Fprintf(c.stdout, "No access token exists yet. To sign in as administrator (once, within 24 hours), open:\n\n  %s\n\n",
		signInURL(addr, secret))
	return err
}

// signInURL is the sign-in address on this machine carrying secret.
func signInURL(addr net.Addr, secret string) string {
	host := "127.0.0.1"
	port := "8080"
	if tcp, ok := addr.(*net.TCPAddr); ok {
		port = strconv.Itoa(tcp.Port)
		if !tcp.IP.IsUnspecified() {
			host = tcp.IP.String()
		}
	}
	return "http://" + net.JoinHostPort(host, port) + "/sign-in?token=" + url.QueryEscape(secret)
}

// shutdown stops accepting connections and waits for in-flight requests,
// at most shutdownTimeout; then it closes whatever is left.
func (c *serveCommand) shutdown(log *slog.Logger, served <-chan error) error {
	log.Info("shutting down", "timeout", c.shutdownTimeout.String())
	ctx, cancel := context.WithTimeout(context.Background(), c.shutdownTimeout)
	defer cancel()
	if err := c.srv.Shutdown(ctx); err != nil {
		return fmt.Errorf("shutting down: %w", err)
	}
	if err := <-served; !errors.Is(err, http.ErrServerClosed) {
		return err
	}
	log.Info("stopped")
	return nil
}

// startPruning, when --keep-drafts is set, prunes superseded drafts now,
// before the server listens, and then every pruneInterval in the
// background until Close. A pruning that fails is logged; the server
// serves on and tries again at the next.
func (c *serveCommand) startPruning(ctx context.Context, log *slog.Logger) {
	if c.keepDrafts <= 0 {
		return
	}
	retention := workflow.DraftRetention{Store: c.db, Keep: time.Duration(c.keepDrafts)}
	pruned, err := retention.Prune(ctx, workflow.SystemActor())
	logPruning(log, pruned, err)
	ctx, c.stopPruning = context.WithCancel(ctx)
	c.pruned = make(chan struct{})
	ticker := time.NewTicker(pruneInterval)
	go func() {
		defer close(c.pruned)
		defer ticker.Stop()
		retention.PruneEvery(ctx, ticker.C, func(p *partnership.DraftPruning, err error) { logPruning(log, p, err) })
	}()
}

func logPruning(log *slog.Logger, p *partnership.DraftPruning, err error) {
	if err != nil {
		log.Error("pruning superseded drafts", "err", err)
		return
	}
	log.Info("pruned superseded drafts", "documents", len(p.Documents), "contents", p.Contents,
		"bytes", p.Bytes, "generated_before", p.GeneratedBefore)
}

// Close stops pruning, closes the server at once if it is still open, then
// the register.
func (c *serveCommand) Close() error {
	if c.stopPruning != nil {
		c.stopPruning()
		<-c.pruned
	}
	var errs []error
	if c.srv != nil {
		errs = append(errs, c.srv.Close())
	}
	if c.db != nil {
		errs = append(errs, c.db.Close())
	}
	return errors.Join(errs...)
}
